'use client';
// The model page's "Release rules" panel: the policy this model's release requests are held to
// (its tier's policy tightened by its own rules), with "Edit release rules" for admins and risk reviewers.
import { can } from '@/lib/permissions';
import { useSuspenseQuery } from '@tanstack/react-query';
import { Pencil } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import type { ModelReleaseRules } from '@/lib/validation/releases';
import { EditReleaseRulesDialog } from './edit-release-rules-dialog';
import { EffectivePolicyList } from './effective-policy';
import { TIER_LABELS } from './format';

export function ModelReleaseRules({ modelId }: { modelId: string }) {
  const trpc = useTRPC();
  const { data: detail } = useSuspenseQuery(trpc.catalog.model.queryOptions({ modelId }));
  const { model } = detail;
  const { data } = useSuspenseQuery(trpc.releases.modelRules.queryOptions({ modelId: model.id }));
  const { data: tiers } = useSuspenseQuery(trpc.releases.policies.queryOptions());
  const { data: me } = useSuspenseQuery(trpc.me.get.queryOptions());
  const [editing, setEditing] = useState(false);
  const { customised: _customised, ...tier } = tiers[model.riskTier];
  const canEdit = can(me, 'model_rules.edit');
  const canEditPolicies = can(me, 'policy.edit');
  const tierName = TIER_LABELS[model.riskTier].toLowerCase();

  return (
    <Card data-testid="release-rules">
      <CardHeader>
        <CardTitle>Release rules</CardTitle>
        <CardDescription>
          What a request to release this model to staging or production must have: the{' '}
          {canEditPolicies ? (
            <Link href="/admin/policies" className="text-primary hover:underline">
              {tierName} policy
            </Link>
          ) : (
            `${tierName} policy`
          )}
          {hasOwnRules(data.rules) ? ', made stricter for this model.' : '; this model adds nothing to it.'}
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <EffectivePolicyList effective={data.effective} rules={data.rules} tier={tier} />
        {canEdit ? (
          <Button size="sm" variant="outline" className="self-start" onClick={() => setEditing(true)}>
            <Pencil aria-hidden />
            Edit release rules
          </Button>
        ) : null}
      </CardContent>
      {canEdit ? <EditReleaseRulesDialog model={model} rules={data.rules} tier={tier} open={editing} onClose={() => setEditing(false)} /> : null}
    </Card>
  );
}

function hasOwnRules(rules: ModelReleaseRules) {
  return rules.approvals.length > 0 || rules.thresholds.length > 0 || rules.requireModelCard || rules.requireEvaluation || rules.rejectUnverifiedEvaluations || rules.requireNoCriticalDrift || !!rules.evaluationDatasetName;
}

export function ModelReleaseRulesSkeleton() {
  return (
    <div role="status">
      <span className="sr-only">Loading release rules…</span>
      <Skeleton className="h-72 w-full rounded-xl" />
    </div>
  );
}
