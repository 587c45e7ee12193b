'use client';
// The gates the release must pass before it can be approved, as the server computed them from the
// evidence: pass, fail, not configured by the policy, or not available yet, with detail and evidence.
import { useSuspenseQuery } from '@tanstack/react-query';
import { clsx } from 'clsx';
import { CircleCheck, CircleDashed, CircleMinus, CircleX } from 'lucide-react';
import { formatMetric } from '@/components/catalog/format';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import type { Gate, GateStatus } from '@/lib/validation/releases';

const STATUS: Record<GateStatus, { label: string; icon: typeof CircleCheck; tone: string; variant: 'success' | 'destructive' | 'outline' | 'neutral' }> = {
  pass: { label: 'Pass', icon: CircleCheck, tone: 'text-success', variant: 'success' },
  fail: { label: 'Fail', icon: CircleX, tone: 'text-destructive', variant: 'destructive' },
  not_configured: { label: 'Not configured', icon: CircleMinus, tone: 'text-muted-foreground', variant: 'outline' },
  not_available: { label: 'Not available', icon: CircleDashed, tone: 'text-muted-foreground', variant: 'neutral' },
};

type Threshold = { threshold: string; value: number | null; met: boolean };

function Evidence({ evidence }: { evidence: Record<string, unknown> }) {
  const { metrics, thresholds, missing, ...rest } = evidence as { metrics?: Record<string, number | null>; thresholds?: Threshold[]; missing?: string[] } & Record<string, unknown>;
  const plain = Object.entries(rest).filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object');
  return (
    <details className="text-xs" data-testid="gate-evidence">
      <summary className="cursor-pointer text-primary hover:underline">Evidence</summary>
      <dl className="mt-2 grid grid-cols-[8rem_minmax(0,1fr)] gap-x-3 gap-y-1">
        {plain.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-muted-foreground">{k}</dt>
            <dd className="font-mono [overflow-wrap:anywhere]">{String(v)}</dd>
          </div>
        ))}
        {missing?.length ? (
          <>
            <dt className="text-muted-foreground">missing</dt>
            <dd>{missing.join(', ')}</dd>
          </>
        ) : null}
        {metrics ? (
          <>
            <dt className="text-muted-foreground">metrics</dt>
            <dd className="font-mono">
              {Object.entries(metrics)
                .map(([k, v]) => `${k} ${formatMetric(v ?? undefined)}`)
                .join(' · ')}
            </dd>
          </>
        ) : null}
        {thresholds?.map((t) => (
          <div key={t.threshold} className="contents">
            <dt className="text-muted-foreground">{t.threshold}</dt>
            <dd className={t.met ? 'text-success' : 'text-destructive'}>
              {formatMetric(t.value ?? undefined)} ({t.met ? 'met' : 'not met'})
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

function GateItem({ gate }: { gate: Gate }) {
  const s = STATUS[gate.status];
  const Icon = s.icon;
  return (
    <li data-testid="gate" data-gate={gate.key} data-status={gate.status} data-required={gate.required} className="flex gap-3 py-3 first:pt-0 last:pb-0">
      <Icon aria-hidden className={clsx('mt-0.5 size-5 shrink-0', s.tone)} />
      <div className="flex min-w-0 flex-col gap-1.5">
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-sm font-medium">{gate.label}</span>
          <Badge variant={s.variant}>{s.label}</Badge>
          {gate.required ? <Badge variant="outline">Required</Badge> : null}
        </div>
        <p className="text-xs text-muted-foreground [overflow-wrap:anywhere]">{gate.detail}</p>
        {gate.evidence ? <Evidence evidence={gate.evidence} /> : null}
      </div>
    </li>
  );
}

export function GatesList({ requestId }: { requestId: string }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.releases.get.queryOptions({ requestId }));
  return (
    <Card data-testid="gates">
      <CardHeader>
        <CardTitle>Gates</CardTitle>
        <CardDescription>Checked now against the {data.policy.riskTier}-risk policy this request is judged by; a required gate that does not pass blocks approval.</CardDescription>
      </CardHeader>
      <CardContent>
        <ul className="flex flex-col divide-y divide-border">
          {data.gates.map((g) => (
            <GateItem key={g.key} gate={g} />
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
