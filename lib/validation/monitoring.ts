import { z } from 'zod';

/** What an ingestion key may do: send events and labels, or read the deployment's statistics. */
export const INGESTION_SCOPES = ['write', 'read'] as const;
export type IngestionScope = (typeof INGESTION_SCOPES)[number];

export const createDeploymentSchema = z.object({
  modelId: z.string().uuid(),
  environment: z
    .string()
    .trim()
    .min(2, 'An environment name has at least 2 characters.')
    .max(64)
    .regex(/^[a-z0-9][a-z0-9._-]*$/i, 'Use letters, digits, dots, dashes and underscores, e.g. prod-eu.'),
  alias: z.string().trim().min(1).max(64).default('production'),
  description: z.string().max(2000).default(''),
});

export const deploymentIdSchema = z.object({ deploymentId: z.string().uuid() });

export const createIngestionKeySchema = deploymentIdSchema.extend({
  name: z.string().trim().min(1, 'Name the key after where it is used.').max(100),
  scopes: z.array(z.enum(INGESTION_SCOPES)).min(1).default(['write']),
});

export const revokeIngestionKeySchema = z.object({ keyId: z.string().uuid() });
