'use client';
// The Alert rules tab: what the worker checks for this deployment. Ops and admins add rules, edit
// them and switch them on and off; everyone else reads them.
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { Pencil, Plus } from 'lucide-react';
import { useState } from 'react';
import { serverMessage } from '@/components/approvals/actions/server-message';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Dialog } from '@/components/ui/dialog';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { TaskType } from '@/lib/validation/catalog';
import type { DRIFT_METHOD_LIST } from '@/lib/validation/monitoring';
import { SeverityBadge } from '../badges';
import { formatThreshold, formatWindow, KIND_LABELS } from '../format';
import type { AlertRuleRow } from '../types';
import { RuleForm } from './rule-form';

type DriftMethod = (typeof DRIFT_METHOD_LIST)[number];

export function RulesPanel({ deploymentId, taskType, canManage }: { deploymentId: string; taskType: TaskType; canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: rules } = useSuspenseQuery(trpc.monitoring.rules.queryOptions({ deploymentId }));
  const [editing, setEditing] = useState<AlertRuleRow | 'new' | null>(null);
  const toggle = useMutation(trpc.monitoring.updateRule.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.monitoring.rules.queryKey({ deploymentId }) }) }));
  const ruleInput = (r: AlertRuleRow, enabled: boolean) => ({ kind: r.kind, feature: r.feature, method: r.method as DriftMethod | null, metric: r.metric, threshold: r.threshold, windowMinutes: r.windowMinutes, severity: r.severity, enabled });

  return (
    <section className="flex flex-col gap-4" aria-label="Alert rules" data-testid="rules">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="max-w-3xl text-sm text-muted-foreground">The alert worker checks every enabled rule every 30 seconds over its window. An alert stays open until someone resolves it, and re-opens if the condition returns.</p>
        {canManage ? (
          <Button onClick={() => setEditing('new')}>
            <Plus aria-hidden />
            Add rule
          </Button>
        ) : null}
      </div>
      {toggle.error ? <Alert variant="error">{serverMessage(toggle.error)}</Alert> : null}
      <Table>
        <TableCaption>Alert rules of this deployment</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>Rule</TableHead>
            <TableHead>Applies to</TableHead>
            <TableHead className="text-right">Threshold</TableHead>
            <TableHead>Window</TableHead>
            <TableHead>Severity</TableHead>
            <TableHead>Enabled</TableHead>
            {canManage ? <TableHead className="sr-only">Edit</TableHead> : null}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rules.map((r) => (
            <TableRow key={r.id} data-testid="rule-row" data-kind={r.kind} data-enabled={r.enabled}>
              <TableCell className="font-medium whitespace-nowrap">{KIND_LABELS[r.kind]}</TableCell>
              <TableCell className="text-sm">
                {r.feature ? <span className="font-mono text-xs">{r.feature}</span> : r.metric ? <span className="font-mono text-xs">{r.metric}</span> : <span className="text-muted-foreground">{r.kind === 'feature_drift' || r.kind.endsWith('_rate') ? 'every feature' : 'the deployment'}</span>}
                {r.method ? <Badge variant="outline" className="ml-1.5">{r.method}</Badge> : null}
              </TableCell>
              <TableCell className="text-right tabular-nums">{formatThreshold(r.kind, r.threshold)}</TableCell>
              <TableCell className="tabular-nums">{formatWindow(r.windowMinutes)}</TableCell>
              <TableCell>
                <SeverityBadge severity={r.severity} />
              </TableCell>
              <TableCell>
                {canManage ? (
                  <Checkbox
                    checked={r.enabled}
                    disabled={toggle.isPending}
                    aria-label={`${KIND_LABELS[r.kind]}${r.feature ? ` of ${r.feature}` : r.metric ? ` (${r.metric})` : ''} enabled`}
                    onChange={(e) => toggle.mutate({ ruleId: r.id, rule: ruleInput(r, e.currentTarget.checked) })}
                  />
                ) : r.enabled ? (
                  'On'
                ) : (
                  <span className="text-muted-foreground">Off</span>
                )}
              </TableCell>
              {canManage ? (
                <TableCell className="text-right">
                  <Button variant="ghost" size="sm" onClick={() => setEditing(r)} aria-label={`Edit ${KIND_LABELS[r.kind]} rule`}>
                    <Pencil aria-hidden />
                  </Button>
                </TableCell>
              ) : null}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Dialog open={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? 'New alert rule' : 'Edit alert rule'} size="lg">
        {editing !== null ? <RuleForm deploymentId={deploymentId} taskType={taskType} rule={editing === 'new' ? undefined : editing} onDone={() => setEditing(null)} /> : null}
      </Dialog>
    </section>
  );
}
