'use client';
// The request's title block: reference, model and version going to which alias, state, risk,
// who asked and when, what it follows up, the evidence exports, and a banner when the submitted
// version's digest no longer matches.
import { useSuspenseQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { RiskTierBadge } from '@/components/catalog/badges';
import { Breadcrumbs } from '@/components/catalog/breadcrumbs';
import { formatDateTime, versionHref } from '@/components/catalog/format';
import { useTRPC } from '@/components/providers/trpc-provider';
import { PageHeader } from '@/components/shell/page-header';
import { Alert } from '@/components/ui/alert';
import { Skeleton } from '@/components/ui/skeleton';
import { useNow } from '@/components/ui/use-now';
import { ExpiryText, KindBadge, ReleaseStateBadge } from '../badges';
import { EvidenceLinks } from './evidence-links';

function Dated({ label, at }: { label: string; at: Date | null }) {
  if (!at) return null;
  return (
    <span>
      {label} <time dateTime={new Date(at).toISOString()}>{formatDateTime(at)}</time>
    </span>
  );
}

export function RequestHeader({ requestId }: { requestId: string }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.releases.get.queryOptions({ requestId }));
  const now = useNow(60_000);
  const { request, model, version } = data;
  return (
    <>
      <Breadcrumbs items={[{ label: 'Approvals', href: '/approvals' }, { label: request.reference }]} />
      <PageHeader
        title={`${request.reference}: ${model.name} v${version.version} → ${request.alias}`}
        description={
          <span className="flex flex-col gap-2">
            <span className="flex flex-wrap items-center gap-2" data-testid="request-summary">
              <ReleaseStateBadge state={request.state} />
              <KindBadge kind={request.kind} />
              <RiskTierBadge tier={model.riskTier} />
              <span>
                Requested by <span className="font-medium text-foreground">{request.requestedByName}</span>
              </span>
              {request.round > 1 ? <span>· round {request.round}</span> : null}
            </span>
            <span className="flex flex-wrap gap-x-4 gap-y-1 text-xs">
              <Dated label="Drafted" at={request.createdAt} />
              <Dated label="Submitted" at={request.submittedAt} />
              {request.state === 'pending' && request.expiresAt ? (
                <span>
                  Expires <ExpiryText expiresAt={request.expiresAt} state={request.state} now={now} /> ({formatDateTime(request.expiresAt)})
                </span>
              ) : null}
              <Dated label="Decided" at={request.decidedAt} />
              <Dated label="Released" at={request.releasedAt} />
              <Dated label="Rolled back" at={request.rolledBackAt} />
            </span>
            <span className="flex flex-wrap gap-x-4 gap-y-1 text-xs">
              <Link href={versionHref(model.id, version.version)} className="text-primary hover:underline">
                Open {model.name} v{version.version}
              </Link>
              <Link href={`/models/${model.id}`} className="text-primary hover:underline">
                Model page
              </Link>
              <span>
                All of this model’s releases:{' '}
                <a href={`/api/models/${model.id}/release-evidence?format=json`} download className="text-primary hover:underline">
                  JSON
                </a>{' '}
                ·{' '}
                <a href={`/api/models/${model.id}/release-evidence?format=html`} target="_blank" rel="noopener" className="text-primary hover:underline">
                  printable
                </a>
              </span>
              {request.followUpOf ? (
                <span data-testid="follow-up-of">
                  Follows up{' '}
                  <Link href={`/approvals/${request.followUpOf.id}`} className="font-mono text-primary hover:underline">
                    {request.followUpOf.reference}
                  </Link>
                </span>
              ) : null}
            </span>
          </span>
        }
        actions={<EvidenceLinks requestId={request.id} />}
      />
      {data.digestProblem ? (
        <Alert variant="error" title="The version changed after it was submitted" className="mb-6" data-testid="digest-problem">
          {data.digestProblem}
        </Alert>
      ) : null}
      {version.editedAfterSubmission && !data.digestProblem ? (
        <Alert variant="warning" title="Metadata edited after submission" className="mb-6">
          v{version.version}’s metadata (description, card or schema) changed after this request was last submitted (a version is frozen only while its request is pending or approved). Its files and content digest are unchanged; the audit trail records what changed.
        </Alert>
      ) : null}
    </>
  );
}

export function RequestHeaderSkeleton() {
  return (
    <div role="status" className="mb-6 flex flex-col gap-3">
      <span className="sr-only">Loading release request…</span>
      <Skeleton className="h-4 w-40" />
      <Skeleton className="h-8 w-96" />
      <Skeleton className="h-5 w-72" />
    </div>
  );
}
