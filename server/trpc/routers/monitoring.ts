import { createDeploymentSchema, createIngestionKeySchema, deploymentIdSchema, revokeIngestionKeySchema } from '@/lib/validation/monitoring';
import { DEPLOYMENT_MANAGERS, MONITORING_READERS } from '@/server/services/monitoring/access';
import { createDeployment, getDeployment, listDeployments } from '@/server/services/monitoring/deployments';
import { createIngestionKey, listIngestionKeys, revokeIngestionKey } from '@/server/services/monitoring/ingestion-keys';
import { deploymentStats, windowSchema } from '@/server/services/monitoring/stats';
import { createRouter, roleProcedure } from '../init';

const readers = roleProcedure(...MONITORING_READERS);
const managers = roleProcedure(...DEPLOYMENT_MANAGERS);

export const monitoringRouter = createRouter({
  deployments: readers.query(({ ctx }) => listDeployments({ ctx, input: undefined })),
  deployment: readers.input(deploymentIdSchema).query(({ ctx, input }) => getDeployment({ ctx, input })),
  createDeployment: managers.input(createDeploymentSchema).mutation(({ ctx, input }) => createDeployment({ ctx, input })),
  stats: readers.input(windowSchema).query(({ ctx, input }) => deploymentStats({ ctx, input })),
  keys: readers.input(deploymentIdSchema).query(({ ctx, input }) => listIngestionKeys({ ctx, input })),
  createKey: managers.input(createIngestionKeySchema).mutation(({ ctx, input }) => createIngestionKey({ ctx, input })),
  revokeKey: managers.input(revokeIngestionKeySchema).mutation(({ ctx, input }) => revokeIngestionKey({ ctx, input })),
});
