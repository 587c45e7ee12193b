import type { Role } from '@/lib/roles';

/** Who may ask for a release (and resubmit or withdraw their own requests). */
export const RELEASE_REQUESTERS: readonly Role[] = ['data_scientist'];
/** Who may read release requests, their decisions and evidence. */
export const RELEASE_READERS: readonly Role[] = ['data_scientist', 'approver', 'risk_reviewer', 'ops', 'admin', 'auditor'];
/** Who may comment on a request (auditors read only). */
export const RELEASE_COMMENTERS: readonly Role[] = ['data_scientist', 'approver', 'risk_reviewer', 'ops', 'admin'];
/** Who sets the policy of each risk tier. */
export const POLICY_EDITORS: readonly Role[] = ['admin'];
/** Who may tighten a model's release rules and set its metric thresholds. */
export const MODEL_RULE_EDITORS: readonly Role[] = ['admin', 'risk_reviewer'];
/** Who may roll a protected alias back, and release an approved request that waits for it. */
export const OPERATORS: readonly Role[] = ['ops', 'admin'];
