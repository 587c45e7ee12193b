import type { Role } from '@/lib/roles';

/** Who creates deployments and manages their ingestion keys. */
export const DEPLOYMENT_MANAGERS: readonly Role[] = ['ops', 'admin'];
/** Who reads monitoring data (the Monitoring section's roles). */
export const MONITORING_READERS: readonly Role[] = ['ops', 'data_scientist', 'admin', 'auditor'];
