// One electronic signature, with everything it binds: the printed name, user id, roles, the UTC time, the
// meaning signed, the reason, the digest of the version signed for and how the signer re-authenticated.
import { clsx } from 'clsx';
import { CircleCheck, CircleX, PenLine } from 'lucide-react';
import type { ReactNode } from 'react';
import { formatDateTime } from '@/components/catalog/format';
import { Badge } from '@/components/ui/badge';
import { ROLE_LABELS } from '@/lib/roles';
import { DECISION_LABELS, type Decision } from '@/lib/validation/releases';
import type { ReleaseSignature } from '../types';

const TONE: Record<Decision, { icon: typeof CircleCheck; border: string; badge: 'success' | 'destructive' | 'warning' }> = {
  approve: { icon: CircleCheck, border: 'border-success/40', badge: 'success' },
  reject: { icon: CircleX, border: 'border-destructive/40', badge: 'destructive' },
  request_changes: { icon: PenLine, border: 'border-warning/40', badge: 'warning' },
};

const AUTH_LABELS = { password: 'Password re-entered', recent_sso: 'Recent single sign-on' } as const;

function Field({ label, children, mono }: { label: string; children: ReactNode; mono?: boolean }) {
  return (
    <>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className={clsx('min-w-0 [overflow-wrap:anywhere]', mono && 'font-mono text-[11px]')}>{children}</dd>
    </>
  );
}

export function SignatureCard({ s, currentRound, compact = false }: { s: ReleaseSignature; currentRound?: number; compact?: boolean }) {
  const tone = TONE[s.decision];
  const Icon = tone.icon;
  const earlier = currentRound !== undefined && s.round !== currentRound;
  return (
    <article
      id={`signature-${s.id}`}
      data-testid="signature"
      data-decision={s.decision}
      data-signer={s.signerName}
      className={clsx('flex flex-col gap-2 rounded-lg border bg-card p-3 text-sm', tone.border, compact && 'text-xs')}
    >
      <header className="flex flex-wrap items-center gap-2">
        <Icon aria-hidden className="size-4 shrink-0" />
        <Badge variant={tone.badge}>{DECISION_LABELS[s.decision]}</Badge>
        <span className="font-semibold" data-testid="signer-name">
          {s.signerName}
        </span>
        <span className="text-muted-foreground">{s.signerEmail}</span>
        {earlier ? <Badge variant="outline">Round {s.round}: no longer counts</Badge> : null}
      </header>
      <blockquote className="rounded-md border-l-4 border-primary/60 bg-muted/50 px-3 py-1.5 font-medium" data-testid="signature-meaning">
        “{s.meaning}”
      </blockquote>
      <dl className="grid grid-cols-[7rem_minmax(0,1fr)] gap-x-3 gap-y-1 text-xs">
        <Field label="Reason">
          <span className="whitespace-pre-wrap" data-testid="signature-reason">
            {s.reason}
          </span>
        </Field>
        <Field label="Signed at">
          <time dateTime={new Date(s.signedAt).toISOString()}>{formatDateTime(s.signedAt)}</time>
        </Field>
        <Field label="Roles">
          {s.signerRoles.map((r) => ROLE_LABELS[r]).join(', ')}
          {s.countedAs ? <span className="text-muted-foreground"> · counted as {ROLE_LABELS[s.countedAs].toLowerCase()}</span> : null}
        </Field>
        <Field label="Authentication">{AUTH_LABELS[s.authMethod]}</Field>
        <Field label="User ID" mono>
          <span data-testid="signer-id">{s.signerId}</span>
        </Field>
        <Field label="Signed digest" mono>
          {s.signedDigest}
        </Field>
      </dl>
    </article>
  );
}
