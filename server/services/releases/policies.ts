// Release policies: one per risk tier (admins), and a model's own stricter rules and metric
// thresholds (admins and risk reviewers). Every change is audited.
import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { DEFAULT_TIER_POLICIES, effectivePolicy, stricterPolicy, withRuleDefaults } from '@/lib/releases/policy';
import { RISK_TIERS, type RiskTier } from '@/lib/validation/catalog';
import { modelReleaseRulesSchema, setModelReleaseRulesSchema, setTierPolicySchema, tierPolicySchema, type EffectivePolicy, type ModelReleaseRules, type TierPolicy } from '@/lib/validation/releases';
import type { DbOrTx } from '@/server/db/connect';
import { modelReleaseRules, registeredModels, releasePolicies } from '@/server/db/schema';
import { NotFoundError } from '@/server/errors';
import { requireCapability } from '../authorize';
import type { VerbArgs } from '../context';
import { mutate } from '../mutate';
import { parseInput } from '../validate';
import { RELEASES_CHANGED } from './events';

async function tierPolicies(db: DbOrTx): Promise<Record<RiskTier, TierPolicy & { customised: boolean }>> {
  const rows = await db.select().from(releasePolicies);
  return Object.fromEntries(
    RISK_TIERS.map((tier) => {
      const row = rows.find((r) => r.riskTier === tier);
      return [tier, { ...(row?.policy ?? DEFAULT_TIER_POLICIES[tier]), customised: !!row }];
    }),
  ) as Record<RiskTier, TierPolicy & { customised: boolean }>;
}

async function modelRules(db: DbOrTx, modelId: string): Promise<ModelReleaseRules> {
  const [row] = await db.select({ rules: modelReleaseRules.rules }).from(modelReleaseRules).where(eq(modelReleaseRules.modelId, modelId));
  return withRuleDefaults(row?.rules);
}

export async function loadEffectivePolicy(db: DbOrTx, model: { id: string; riskTier: RiskTier }): Promise<EffectivePolicy> {
  // One round trip: this tier's policy row and this model's rules, either possibly absent.
  const [row] = await db
    .select({ tier: releasePolicies.policy, rules: sql<ModelReleaseRules | null>`(select ${modelReleaseRules.rules} from ${modelReleaseRules} where ${modelReleaseRules.modelId} = ${model.id})` })
    .from(sql`(select 1) as one`)
    .leftJoin(releasePolicies, eq(releasePolicies.riskTier, model.riskTier));
  return policyFrom(model.riskTier, row?.tier, row?.rules);
}

/** The policy a model is held to, from its tier's stored policy and its own rules (either absent). */
export function policyFrom(riskTier: RiskTier, tier: TierPolicy | null | undefined, rules: ModelReleaseRules | null | undefined): EffectivePolicy {
  return effectivePolicy(riskTier, tier ?? DEFAULT_TIER_POLICIES[riskTier], withRuleDefaults(rules));
}

/**
 * The policy a request is judged by: the one snapshotted when it was submitted, tightened by the
 * model's current one (never loosened; see stricterPolicy). A request not yet submitted has no
 * snapshot and shows the current policy.
 */
export function judgedPolicy(request: { snapshot: { policy?: EffectivePolicy | null } | null }, current: EffectivePolicy): EffectivePolicy {
  const submitted = request.snapshot?.policy;
  if (!submitted) return current;
  // Snapshots taken before a policy field existed lack it: that field is judged by the current policy.
  return stricterPolicy({ ...current, ...submitted, approvals: submitted.approvals ?? [], thresholds: submitted.thresholds ?? [] }, current);
}

export async function getReleasePolicies({ ctx }: VerbArgs<unknown>) {
  requireCapability(ctx, 'release.read');
  return tierPolicies(ctx.db);
}

export async function setTierPolicy({ ctx, input }: VerbArgs<unknown>) {
  const user = requireCapability(ctx, 'policy.edit');
  const { riskTier, policy: given } = parseInput(setTierPolicySchema, input);
  return mutate(ctx, async ({ tx, audit, publish }) => {
    // The tier's row locked (when there is one) so two partial edits cannot both start from the same policy.
    await tx.select({ riskTier: releasePolicies.riskTier }).from(releasePolicies).where(eq(releasePolicies.riskTier, riskTier)).for('update');
    const before = (await tierPolicies(tx))[riskTier];
    const { customised: _customised, ...current } = before;
    const policy = parseInput(tierPolicySchema, { ...current, ...given });
    await tx
      .insert(releasePolicies)
      .values({ riskTier, policy, updatedBy: user.id })
      .onConflictDoUpdate({ target: releasePolicies.riskTier, set: { policy, updatedBy: user.id, updatedAt: new Date() } });
    await audit({ action: 'release_policy.updated', entityType: 'release_policy', entityId: riskTier, before: current, after: policy });
    publish(RELEASES_CHANGED(riskTier));
    return policy;
  });
}

const modelRef = z.object({ modelId: z.string().uuid() });

export async function getModelReleaseRules({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'release.read');
  const { modelId } = parseInput(modelRef, input);
  const [model] = await ctx.db.select({ id: registeredModels.id, riskTier: registeredModels.riskTier }).from(registeredModels).where(eq(registeredModels.id, modelId));
  if (!model) throw new NotFoundError('This model does not exist.');
  const [rules, effective] = await Promise.all([modelRules(ctx.db, modelId), loadEffectivePolicy(ctx.db, model)]);
  return { rules, effective };
}

export async function setModelReleaseRules({ ctx, input }: VerbArgs<unknown>) {
  const user = requireCapability(ctx, 'model_rules.edit');
  const { modelId, rules: given } = parseInput(setModelReleaseRulesSchema, input);
  return mutate(ctx, async ({ tx, audit, publish }) => {
    const [model] = await tx.select({ id: registeredModels.id }).from(registeredModels).where(eq(registeredModels.id, modelId)).for('update');
    if (!model) throw new NotFoundError('This model does not exist.');
    const before = await modelRules(tx, modelId);
    const rules = parseInput(modelReleaseRulesSchema, { ...before, ...given });
    await tx
      .insert(modelReleaseRules)
      .values({ modelId, rules, updatedBy: user.id })
      .onConflictDoUpdate({ target: modelReleaseRules.modelId, set: { rules, updatedBy: user.id, updatedAt: new Date() } });
    await audit({ action: 'model_release_rules.updated', entityType: 'registered_model', entityId: modelId, before, after: rules });
    publish(RELEASES_CHANGED(modelId));
    return rules;
  });
}
