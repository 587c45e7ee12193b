// How a delivery's state and times read in the webhook tables.
import { Badge } from '@/components/ui/badge';

const STATES = {
  pending: { label: 'Pending', variant: 'warning' },
  succeeded: { label: 'Delivered', variant: 'success' },
  failed: { label: 'Failed', variant: 'destructive' },
} as const;

export function DeliveryStateBadge({ state }: { state: keyof typeof STATES }) {
  const s = STATES[state];
  return (
    <Badge variant={s.variant} data-testid="delivery-state" data-state={state}>
      {s.label}
    </Badge>
  );
}

/** "2025-03-04 12:30:05 UTC": UTC, the clock the audit trail uses (and the same on server and browser). */
export function formatTime(date: Date | string | null | undefined) {
  if (!date) return '—';
  const iso = new Date(date).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}
