import {
  alertIdSchema,
  alertNoteSchema,
  assignAlertSchema,
  createAlertRuleSchema,
  createDeploymentSchema,
  createIngestionKeySchema,
  deploymentIdSchema,
  listAlertsSchema,
  revokeIngestionKeySchema,
  updateAlertRuleSchema,
} from '@/lib/validation/monitoring';
import { createAlertRule, listAlertRules, updateAlertRule } from '@/server/services/monitoring/alerts/rules';
import { acknowledgeAlert, assignAlert, commentOnAlert, getAlert, listAlerts, resolveAlert } from '@/server/services/monitoring/alerts/workflow';
import { DEPLOYMENT_MANAGERS, MONITORING_READERS } from '@/server/services/monitoring/access';
import { createDeployment, getDeployment, listDeployments } from '@/server/services/monitoring/deployments';
import { createIngestionKey, listIngestionKeys, revokeIngestionKey } from '@/server/services/monitoring/ingestion-keys';
import { driftReport, driftWindowSchema } from '@/server/services/monitoring/drift';
import { deploymentStats, windowSchema } from '@/server/services/monitoring/stats';
import { versionMonitoring, versionMonitoringSchema } from '@/server/services/monitoring/version-monitoring';
import { createRouter, roleProcedure } from '../init';

const readers = roleProcedure(...MONITORING_READERS);
const managers = roleProcedure(...DEPLOYMENT_MANAGERS);

export const monitoringRouter = createRouter({
  deployments: readers.query(({ ctx }) => listDeployments({ ctx, input: undefined })),
  deployment: readers.input(deploymentIdSchema).query(({ ctx, input }) => getDeployment({ ctx, input })),
  createDeployment: managers.input(createDeploymentSchema).mutation(({ ctx, input }) => createDeployment({ ctx, input })),
  stats: readers.input(windowSchema).query(({ ctx, input }) => deploymentStats({ ctx, input })),
  drift: readers.input(driftWindowSchema).query(({ ctx, input }) => driftReport({ ctx, input })),
  version: readers.input(versionMonitoringSchema).query(({ ctx, input }) => versionMonitoring({ ctx, input })),
  keys: readers.input(deploymentIdSchema).query(({ ctx, input }) => listIngestionKeys({ ctx, input })),
  createKey: managers.input(createIngestionKeySchema).mutation(({ ctx, input }) => createIngestionKey({ ctx, input })),
  revokeKey: managers.input(revokeIngestionKeySchema).mutation(({ ctx, input }) => revokeIngestionKey({ ctx, input })),
  rules: readers.input(deploymentIdSchema).query(({ ctx, input }) => listAlertRules({ ctx, input })),
  createRule: managers.input(createAlertRuleSchema).mutation(({ ctx, input }) => createAlertRule({ ctx, input })),
  updateRule: managers.input(updateAlertRuleSchema).mutation(({ ctx, input }) => updateAlertRule({ ctx, input })),
  alerts: readers.input(listAlertsSchema).query(({ ctx, input }) => listAlerts({ ctx, input })),
  alert: readers.input(alertIdSchema).query(({ ctx, input }) => getAlert({ ctx, input })),
  acknowledge: managers.input(alertIdSchema).mutation(({ ctx, input }) => acknowledgeAlert({ ctx, input })),
  assign: managers.input(assignAlertSchema).mutation(({ ctx, input }) => assignAlert({ ctx, input })),
  comment: managers.input(alertNoteSchema).mutation(({ ctx, input }) => commentOnAlert({ ctx, input })),
  resolve: managers.input(alertNoteSchema).mutation(({ ctx, input }) => resolveAlert({ ctx, input })),
});
