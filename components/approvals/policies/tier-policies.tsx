'use client';
// The release policy of every risk tier, side by side, each saved on its own. releases.policies is
// invalidated by the live bus, so another admin's change shows here without a reload.
import { useSuspenseQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Skeleton } from '@/components/ui/skeleton';
import { RISK_TIERS } from '@/lib/validation/catalog';
import { TierPolicyCard } from './tier-policy-card';

export function TierPolicies() {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.releases.policies.queryOptions());
  return (
    <div className="grid items-stretch gap-5 lg:grid-cols-3">
      {RISK_TIERS.map((tier) => (
        <TierPolicyCard key={tier} tier={tier} policy={data[tier]} />
      ))}
    </div>
  );
}

export function TierPoliciesSkeleton() {
  return (
    <div role="status" className="grid gap-5 lg:grid-cols-3">
      <span className="sr-only">Loading release policies…</span>
      {RISK_TIERS.map((tier) => (
        <Skeleton key={tier} className="h-[36rem] w-full rounded-xl" />
      ))}
    </div>
  );
}
