// A list of alerts: reference and title (linking to the alert), severity, state, value against
// threshold, when it opened and who holds it. Used across deployments and on one deployment.
import Link from 'next/link';
import { formatDateTime } from '@/components/catalog/format';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { ActiveBadge, AlertStateBadge, SeverityBadge } from '../badges';
import { formatThreshold, KIND_LABELS } from '../format';
import type { AlertRow } from '../types';

export function AlertsTable({ alerts, caption, showDeployment = false, empty }: { alerts: AlertRow[]; caption: string; showDeployment?: boolean; empty: string }) {
  if (alerts.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-border p-8 text-center text-sm text-muted-foreground" data-testid="alerts-empty">
        {empty}
      </p>
    );
  }
  return (
    <Table>
      <TableCaption>{caption}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Alert</TableHead>
          <TableHead className="hidden 2xl:table-cell">Severity</TableHead>
          <TableHead>State</TableHead>
          {showDeployment ? <TableHead>Deployment</TableHead> : null}
          <TableHead className="text-right">Value / threshold</TableHead>
          <TableHead>Opened (UTC)</TableHead>
          <TableHead>Assignee</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {alerts.map((a) => (
          <TableRow key={a.id} data-testid="alert-row" data-reference={a.reference} data-kind={a.kind} data-severity={a.severity} data-state={a.state} className="hover:bg-muted/30">
            <TableCell className="min-w-56">
              <Link href={`/monitoring/alerts/${a.id}`} className="font-mono text-sm font-semibold text-primary hover:underline">
                {a.reference}
              </Link>
              <span className="ml-2 text-xs text-muted-foreground">{KIND_LABELS[a.kind]}</span>
              <span className="line-clamp-2 text-sm">{a.title}</span>
            </TableCell>
            <TableCell className="hidden 2xl:table-cell">
              <SeverityBadge severity={a.severity} />
            </TableCell>
            <TableCell>
              <span className="flex flex-col items-start gap-1">
                {/* Below 2xl the severity column is merged in here. */}
                <span className="2xl:hidden">
                  <SeverityBadge severity={a.severity} />
                </span>
                <AlertStateBadge state={a.state} />
                {a.state !== 'resolved' ? <ActiveBadge active={a.active} /> : null}
              </span>
            </TableCell>
            {showDeployment ? (
              <TableCell className="min-w-40">
                <Link href={`/monitoring/${a.deploymentId}`} className="break-words hover:underline">
                  <span className="font-medium">{a.modelName}</span>
                  <span className="text-muted-foreground"> · {a.environment}</span>
                </Link>
                {a.version !== null ? <span className="block text-xs text-muted-foreground">v{a.version}</span> : null}
              </TableCell>
            ) : null}
            <TableCell className="text-right whitespace-nowrap tabular-nums">
              {formatThreshold(a.kind, a.value)} <span className="text-muted-foreground">/ {formatThreshold(a.kind, a.threshold)}</span>
            </TableCell>
            <TableCell className="text-xs whitespace-nowrap tabular-nums">
              {formatDateTime(a.openedAt)}
              {a.reopenCount > 0 ? <span className="block text-muted-foreground">re-opened {a.reopenCount}×</span> : null}
            </TableCell>
            <TableCell className="max-w-40">
              {a.assigneeName ? (
                <span className="block truncate" title={a.assigneeName}>
                  {a.assigneeName}
                </span>
              ) : (
                <span className="text-muted-foreground">—</span>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
