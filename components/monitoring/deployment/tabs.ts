// The deployment page's tabs (?tab=), read by the server page (to prefetch) and by the client tabs.
const DEPLOYMENT_TABS = ['overview', 'drift', 'alerts', 'rules', 'keys'] as const;
export type DeploymentTab = (typeof DEPLOYMENT_TABS)[number];
export const isDeploymentTab = (v: unknown): v is DeploymentTab => (DEPLOYMENT_TABS as readonly unknown[]).includes(v);
