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
import { createDeployment, getDeployment, listDeployments } from '@/server/services/monitoring/deployments';
import { createIngestionKey, listIngestionKeys, revokeIngestionKey } from '@/server/services/monitoring/ingestion-keys';
import { driftReport, driftWindowSchema } from '@/server/services/monitoring/drift';
import { deploymentStats, windowSchema } from '@/server/services/monitoring/stats';
import { versionMonitoring, versionMonitoringSchema } from '@/server/services/monitoring/version-monitoring';
import { capabilityProcedure, createRouter } from '../init';

const readers = capabilityProcedure('monitoring.read');
const managers = capabilityProcedure('deployment.manage');
const ruleEditors = capabilityProcedure('alert_rule.edit');
const alertWorkers = capabilityProcedure('alert.work');

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
  createRule: ruleEditors.input(createAlertRuleSchema).mutation(({ ctx, input }) => createAlertRule({ ctx, input })),
  updateRule: ruleEditors.input(updateAlertRuleSchema).mutation(({ ctx, input }) => updateAlertRule({ ctx, input })),
  alerts: readers.input(listAlertsSchema).query(({ ctx, input }) => listAlerts({ ctx, input })),
  alert: readers.input(alertIdSchema).query(({ ctx, input }) => getAlert({ ctx, input })),
  acknowledge: alertWorkers.input(alertIdSchema).mutation(({ ctx, input }) => acknowledgeAlert({ ctx, input })),
  assign: alertWorkers.input(assignAlertSchema).mutation(({ ctx, input }) => assignAlert({ ctx, input })),
  comment: alertWorkers.input(alertNoteSchema).mutation(({ ctx, input }) => commentOnAlert({ ctx, input })),
  resolve: alertWorkers.input(alertNoteSchema).mutation(({ ctx, input }) => resolveAlert({ ctx, input })),
});
