'use client';
// The Ingestion keys tab: the keys this deployment's serving code sends events with. Ops and admins
// create them (the key is shown once) and revoke them; everyone else sees names and prefixes only.
import { useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDateTime } from '@/components/catalog/format';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { TaskType } from '@/lib/validation/catalog';
import type { IngestionKeyRow } from '../types';
import { CreateKeyForm } from './create-key-form';
import { NewIngestionKey, type CreatedKey } from './new-ingestion-key';
import { RevokeKeyDialog } from './revoke-key-dialog';

type Props = { deploymentId: string; canManage: boolean; serving: { modelId: string; version: number; taskType: TaskType } | null };

export function KeysPanel({ deploymentId, canManage, serving }: Props) {
  const trpc = useTRPC();
  const { data: keys } = useSuspenseQuery(trpc.monitoring.keys.queryOptions({ deploymentId }));
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const [revoking, setRevoking] = useState<IngestionKeyRow | null>(null);

  return (
    <section className="flex flex-col gap-4" aria-label="Ingestion keys" data-testid="keys">
      <p className="max-w-3xl text-sm text-muted-foreground">
        The serving code sends prediction events to <code className="font-mono text-xs">POST /api/v1/events</code> and ground truth to <code className="font-mono text-xs">POST /api/v1/labels</code> with
        one of these keys as a bearer token. A key writes to this deployment only.
      </p>
      {canManage ? created ? <NewIngestionKey created={created} serving={serving} onDone={() => setCreated(null)} /> : <CreateKeyForm deploymentId={deploymentId} onCreated={setCreated} /> : null}
      {keys.length === 0 ? (
        <p className="rounded-xl border border-dashed border-border p-8 text-center text-sm text-muted-foreground">No ingestion keys yet.</p>
      ) : (
        <Table>
          <TableCaption>Ingestion keys of this deployment</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Key</TableHead>
              <TableHead>Scopes</TableHead>
              <TableHead>Created (UTC)</TableHead>
              <TableHead>Last used</TableHead>
              <TableHead>Status</TableHead>
              {canManage ? <TableHead className="sr-only">Revoke</TableHead> : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {keys.map((k) => (
              <TableRow key={k.id} data-testid="key-row" data-revoked={!!k.revokedAt}>
                <TableCell className="font-medium">{k.name}</TableCell>
                <TableCell className="font-mono text-xs">{k.prefix}…</TableCell>
                <TableCell>
                  <span className="flex gap-1">
                    {k.scopes.map((s) => (
                      <Badge key={s} variant="outline">
                        {s}
                      </Badge>
                    ))}
                  </span>
                </TableCell>
                <TableCell className="text-xs whitespace-nowrap tabular-nums">{formatDateTime(k.createdAt)}</TableCell>
                <TableCell className="text-xs whitespace-nowrap tabular-nums">{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : <span className="text-muted-foreground">never</span>}</TableCell>
                <TableCell>{k.revokedAt ? <Badge variant="neutral">Revoked {formatDateTime(k.revokedAt)}</Badge> : <Badge variant="success">Active</Badge>}</TableCell>
                {canManage ? (
                  <TableCell className="text-right">
                    {!k.revokedAt ? (
                      <Button variant="destructive-ghost" size="sm" onClick={() => setRevoking(k)}>
                        Revoke
                      </Button>
                    ) : null}
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <RevokeKeyDialog keyRow={revoking} onClose={() => setRevoking(null)} />
    </section>
  );
}
