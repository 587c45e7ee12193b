// Small labels of the approvals pages: a request's state, its kind, and when it expires.
import { Badge, type BadgeVariant } from '@/components/ui/badge';
import { RELEASE_STATE_LABELS, type ReleaseKind, type ReleaseState } from '@/lib/validation/releases';

const STATE_VARIANT: Record<ReleaseState, BadgeVariant> = {
  draft: 'outline',
  pending: 'warning',
  changes_requested: 'warning',
  approved: 'primary',
  released: 'success',
  rejected: 'destructive',
  withdrawn: 'neutral',
  expired: 'neutral',
  superseded: 'neutral',
};

export function ReleaseStateBadge({ state }: { state: ReleaseState }) {
  return (
    <Badge variant={STATE_VARIANT[state]} data-testid="release-state" data-state={state}>
      {RELEASE_STATE_LABELS[state]}
    </Badge>
  );
}

export function KindBadge({ kind }: { kind: ReleaseKind }) {
  if (kind === 'release') return null;
  const [label, title] = kind === 'rollback_review' ? ['Rollback review', 'Review of a rollback that already happened'] : ['Re-review', 'Review of a released version after a critical drift alert'];
  return (
    <Badge variant="outline" title={title}>
      {label}
    </Badge>
  );
}

const DAY = 86_400_000;

/**
 * "in 3 days" / "expired"; only pending requests expire. `now` is passed in so renders stay pure; it is
 * null until the page has hydrated (useNow), and until then the date itself shows, the same on server and browser.
 */
export function ExpiryText({ expiresAt, state, now }: { expiresAt: Date | null; state: ReleaseState; now: number | null }) {
  if (!expiresAt || state !== 'pending') return <span className="text-muted-foreground">—</span>;
  const iso = expiresAt.toISOString();
  const title = `${iso.slice(0, 16).replace('T', ' ')} UTC`;
  if (now === null) {
    return (
      <time dateTime={iso} title={title}>
        on {iso.slice(0, 10)}
      </time>
    );
  }
  const left = expiresAt.getTime() - now;
  const label = left <= 0 ? 'expired' : left < DAY ? 'within a day' : `in ${Math.floor(left / DAY)} days`;
  return (
    <time dateTime={iso} title={title} className={left < 2 * DAY ? 'font-medium text-warning' : undefined}>
      {label}
    </time>
  );
}
