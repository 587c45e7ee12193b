// Small labels of the monitoring pages: an alert's severity and state, and a deployment's health.
import { Badge, type BadgeVariant } from '@/components/ui/badge';
import type { AlertState, Severity } from './types';

const SEVERITY_VARIANT: Record<Severity, BadgeVariant> = { info: 'neutral', warning: 'warning', critical: 'destructive' };
const SEVERITY_LABEL: Record<Severity, string> = { info: 'Info', warning: 'Warning', critical: 'Critical' };

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <Badge variant={SEVERITY_VARIANT[severity]} data-testid="alert-severity" data-severity={severity}>
      {SEVERITY_LABEL[severity]}
    </Badge>
  );
}

const STATE_VARIANT: Record<AlertState, BadgeVariant> = { open: 'destructive', acknowledged: 'warning', resolved: 'success' };
const STATE_LABEL: Record<AlertState, string> = { open: 'Open', acknowledged: 'Acknowledged', resolved: 'Resolved' };

export function AlertStateBadge({ state }: { state: AlertState }) {
  return (
    <Badge variant={STATE_VARIANT[state]} data-testid="alert-state" data-state={state}>
      {STATE_LABEL[state]}
    </Badge>
  );
}

/** Whether the alert's condition still holds at the last evaluation. */
export function ActiveBadge({ active }: { active: boolean }) {
  return active ? (
    <Badge variant="outline" title="The condition still held at the last check">
      Firing
    </Badge>
  ) : (
    <Badge variant="outline" title="The condition no longer held at the last check">
      Cleared
    </Badge>
  );
}

export type Health = { kind: 'alert'; severity: Severity } | { kind: 'ok' } | { kind: 'no_traffic' };

export function HealthBadge({ health }: { health: Health }) {
  if (health.kind === 'no_traffic') {
    return (
      <Badge variant="outline" data-testid="deployment-health" data-health="no_traffic">
        No traffic
      </Badge>
    );
  }
  if (health.kind === 'ok') {
    return (
      <Badge variant="success" data-testid="deployment-health" data-health="ok">
        No alerts
      </Badge>
    );
  }
  return (
    <Badge variant={SEVERITY_VARIANT[health.severity]} data-testid="deployment-health" data-health={health.severity}>
      {SEVERITY_LABEL[health.severity]} alert
    </Badge>
  );
}
