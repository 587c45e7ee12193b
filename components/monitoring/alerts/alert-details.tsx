'use client';
// What the alert is about: value against threshold, the rule that fired, the evidence the worker
// recorded, and where it leads: the deployment, the version and the approval that released it.
import { useSuspenseQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { formatDateTime, versionHref } from '@/components/catalog/format';
import { useTRPC } from '@/components/providers/trpc-provider';
import { formatStat, formatThreshold, formatWindow, KIND_LABELS } from '../format';

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="grid grid-cols-[9rem_minmax(0,1fr)] gap-3 py-2 text-sm" data-testid={testId}>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 [overflow-wrap:anywhere]">{children}</dd>
    </div>
  );
}

const detailValue = (v: unknown) => (typeof v === 'number' ? formatStat(v) : Array.isArray(v) ? v.join(', ') : v === null ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

export function AlertDetails({ alertId }: { alertId: string }) {
  const trpc = useTRPC();
  const { data: a } = useSuspenseQuery(trpc.monitoring.alert.queryOptions({ alertId }));
  // The version is the alert's own (above); a version in older evidence could contradict it.
  const details = Object.entries(a.details ?? {}).filter(([key]) => key !== 'version');
  return (
    <section aria-labelledby="alert-details" className="flex flex-col gap-3">
      <h2 id="alert-details" className="text-xl font-semibold tracking-tight">
        Details
      </h2>
      <dl className="divide-y divide-border rounded-xl border border-border bg-card px-4 shadow-xs">
        <Row label="Value / threshold" testId="alert-value">
          <span className="font-semibold tabular-nums">{formatThreshold(a.kind, a.value)}</span> <span className="text-muted-foreground">against {formatThreshold(a.kind, a.threshold)}</span>
        </Row>
        <Row label="Rule">
          {KIND_LABELS[a.rule.kind]} over {formatWindow(a.rule.windowMinutes)}
          {a.rule.feature ? ` on ${a.rule.feature}` : ''}
          {a.rule.method ? ` · ${a.rule.method}` : ''}
          {a.rule.metric ? ` · ${a.rule.metric}` : ''}
          {a.rule.enabled ? '' : ' (disabled since)'}
        </Row>
        <Row label="Deployment">
          <Link href={`/monitoring/${a.deployment.id}`} className="text-primary hover:underline" data-testid="alert-deployment-link">
            {a.deployment.modelName} · {a.deployment.environment}
          </Link>{' '}
          <span className="text-muted-foreground">({a.deployment.alias})</span>
        </Row>
        <Row label="Version">
          {a.version !== null ? (
            <Link href={versionHref(a.deployment.modelId, a.version)} className="text-primary hover:underline" data-testid="alert-version-link">
              {a.deployment.modelName} v{a.version}
            </Link>
          ) : (
            <span className="text-muted-foreground">not attributed</span>
          )}
        </Row>
        <Row label="Released by">
          {a.release ? (
            <Link href={`/approvals/${a.release.id}`} className="font-mono text-primary hover:underline" data-testid="alert-release-link">
              {a.release.reference}
            </Link>
          ) : (
            <span className="text-muted-foreground">no approval on record</span>
          )}
          {a.openReview ? (
            <span className="ml-2">
              · review open:{' '}
              <Link href={`/approvals/${a.openReview.id}`} className="font-mono text-primary hover:underline" data-testid="alert-open-review-link">
                {a.openReview.reference}
              </Link>
            </span>
          ) : null}
        </Row>
        <Row label="Opened">{formatDateTime(a.openedAt)}</Row>
        <Row label="Last seen">{formatDateTime(a.lastSeenAt)}</Row>
        {a.acknowledgedBy ? <Row label="Acknowledged">{`${a.acknowledgedBy}, ${formatDateTime(a.acknowledgedAt)}`}</Row> : null}
        <Row label="Assignee" testId="alert-assignee">
          {a.assigneeName ?? <span className="text-muted-foreground">nobody</span>}
        </Row>
        {a.resolvedBy ? (
          <Row label="Resolved" testId="alert-resolution">
            {a.resolvedBy}, {formatDateTime(a.resolvedAt)}: “{a.resolutionNote}”
          </Row>
        ) : null}
        {details.map(([key, value]) => (
          <Row key={key} label={key}>
            <span className="font-mono text-xs">{detailValue(value)}</span>
          </Row>
        ))}
      </dl>
    </section>
  );
}
