'use client';
// Current aliases of a model. Protected ones (production, staging) carry a lock and move only
// through approved release requests, or back through a rollback by ops or an admin; data
// scientists can set, move and remove the others here.
import { can } from '@/lib/permissions';
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { Lock, Trash2, Undo2 } from 'lucide-react';
import Link from 'next/link';
import { useId, useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Dialog } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { errorMessage } from '@/lib/trpc/error-message';
import { AliasBadge } from '../badges';
import { formatDate, versionHref } from '../format';
import { AliasForm } from './alias-form';
import { RollbackDialog, RollbackDone, type RollbackResult } from './rollback-dialog';

const rollbackAlias = (name: string) => (['staging', 'production'] as const).find((n) => n === name);

export function AliasesPanel({ modelId }: { modelId: string }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.catalog.model.queryOptions({ modelId }));
  const { data: me } = useSuspenseQuery(trpc.me.get.queryOptions());
  const [removing, setRemoving] = useState<string | null>(null);
  const [rollingBack, setRollingBack] = useState<{ alias: 'staging' | 'production'; version: number } | null>(null);
  const [rolledBack, setRolledBack] = useState<RollbackResult | null>(null);
  const canEdit = can(me, 'alias.move');
  const canRollBack = can(me, 'release.rollback');
  const id = data.model.id;

  return (
    <Card data-testid="aliases-panel">
      <CardHeader>
        <CardTitle>Aliases</CardTitle>
        <CardDescription>Names that clients and deployments resolve to a version.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-5">
        {rolledBack ? <RollbackDone result={rolledBack} onDismiss={() => setRolledBack(null)} /> : null}
        {data.aliases.length === 0 ? (
          <p className="text-sm text-muted-foreground">No aliases yet.</p>
        ) : (
          <ul className="flex flex-col divide-y divide-border">
            {data.aliases.map((a) => {
              const rollback = canRollBack ? rollbackAlias(a.name) : undefined;
              return (
                <li key={a.name} data-testid="alias-item" data-alias={a.name} data-version={a.version} className="flex flex-col gap-1 py-2.5 first:pt-0">
                  <div className="flex items-center gap-2">
                    <AliasBadge name={a.name} />
                    <span aria-hidden>→</span>
                    <Link href={versionHref(id, a.version)} className="font-medium text-primary tabular-nums hover:underline">
                      v{a.version}
                    </Link>
                    <span className="ml-auto text-xs text-muted-foreground">{formatDate(a.updatedAt)}</span>
                    {canEdit && !a.protected ? (
                      <Button size="icon" variant="destructive-ghost" className="size-7" onClick={() => setRemoving(a.name)} aria-label={`Remove alias ${a.name}`}>
                        <Trash2 aria-hidden />
                      </Button>
                    ) : null}
                  </div>
                  {a.protected ? (
                    <div className="flex items-center gap-2">
                      <p className="flex items-center gap-1.5 text-xs text-muted-foreground">
                        <Lock aria-hidden className="size-3" />
                        Protected: moves only through an approved release request.
                      </p>
                      {rollback ? (
                        <Button size="sm" variant="outline" className="ml-auto h-7" onClick={() => setRollingBack({ alias: rollback, version: a.version })}>
                          <Undo2 aria-hidden />
                          Roll back<span className="sr-only"> {a.name}</span>
                        </Button>
                      ) : null}
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
        {canEdit ? (
          data.versions.length > 0 ? (
            <div className="border-t border-border pt-4">
              <h3 className="mb-3 text-sm font-semibold">Set or move an alias</h3>
              <AliasForm modelId={id} versions={data.versions.map((v) => v.version)} aliasNames={data.aliases.map((a) => a.name)} />
            </div>
          ) : (
            <p className="text-xs text-muted-foreground">Upload a version before setting aliases.</p>
          )
        ) : null}
      </CardContent>
      <Dialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        title={`Remove alias “${removing ?? ''}”?`}
        description="Clients that resolve this alias will stop finding a version. The removal is recorded in the alias history."
      >
        {removing ? <RemoveAliasForm modelId={id} alias={removing} onDone={() => setRemoving(null)} /> : null}
      </Dialog>
      <RollbackDialog
        target={rollingBack ? { ...rollingBack, modelId: id, modelName: data.model.name } : null}
        onClose={() => setRollingBack(null)}
        onRolledBack={(result) => {
          setRollingBack(null);
          setRolledBack(result);
        }}
      />
    </Card>
  );
}

function RemoveAliasForm({ modelId, alias, onDone }: { modelId: string; alias: string; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [reason, setReason] = useState('');
  const mutation = useMutation(
    trpc.catalog.setAlias.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.catalog.pathKey() });
        onDone();
      },
    }),
  );
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    mutation.mutate({ modelId, alias, version: null, reason: reason.trim() || undefined });
  }
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-5">
      {mutation.error ? <Alert variant="error">{errorMessage(mutation.error)}</Alert> : null}
      <div className="flex flex-col gap-2">
        <Label htmlFor={`${id}-reason`}>Reason</Label>
        <Input id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} placeholder="Optional" />
      </div>
      <div className="-mx-6 -mb-3 flex justify-end gap-2 border-t border-border bg-muted/30 px-6 py-3">
        <Button variant="outline" onClick={onDone} disabled={mutation.isPending}>
          Cancel
        </Button>
        <Button type="submit" variant="destructive" disabled={mutation.isPending}>
          {mutation.isPending ? 'Removing…' : 'Remove alias'}
        </Button>
      </div>
    </form>
  );
}
