// Shapes of the monitoring queries as the browser receives them, so the monitoring widgets share one vocabulary.
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/routers/_app';

type Monitoring = inferRouterOutputs<AppRouter>['monitoring'];

export type DeploymentRow = Monitoring['deployments'][number];
export type DeploymentStats = Monitoring['stats'];
export type DriftReport = Monitoring['drift'];
export type FeatureDrift = DriftReport['features'][number];
export type AlertRow = Monitoring['alerts'][number];
export type AlertRuleRow = Monitoring['rules'][number];
export type IngestionKeyRow = Monitoring['keys'][number];
export type Severity = AlertRow['severity'];
export type AlertState = AlertRow['state'];
export type AlertKind = AlertRow['kind'];

/** Unresolved alerts across deployments: the overview's list and the navigation's count read the same query. */
export const UNRESOLVED_ALERTS = { state: 'unresolved', limit: 200 } as const;

/** A deployment's alerts, every state: its Alerts tab and its charts' markers read the same query. */
export const deploymentAlertsInput = (deploymentId: string) => ({ deploymentId, state: 'all', limit: 200 }) as const;
