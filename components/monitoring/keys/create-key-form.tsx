'use client';
// Creates an ingestion key: a name saying where it is used, and what it may do (send events and
// labels, read statistics, or both).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { KeyRound } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { serverMessage } from '@/components/approvals/actions/server-message';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import type { IngestionScope } from '@/lib/validation/monitoring';
import type { CreatedKey } from './new-ingestion-key';

export function CreateKeyForm({ deploymentId, onCreated }: { deploymentId: string; onCreated: (created: CreatedKey) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Record<IngestionScope, boolean>>({ write: true, read: false });
  const create = useMutation(
    trpc.monitoring.createKey.mutationOptions({
      onSuccess: async (result) => {
        setName('');
        onCreated({ name: result.name, key: result.key, scopes: result.scopes });
        await queryClient.invalidateQueries({ queryKey: trpc.monitoring.keys.queryKey({ deploymentId }) });
      },
    }),
  );
  const chosen = (Object.keys(scopes) as IngestionScope[]).filter((s) => scopes[s]);
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ deploymentId, name: name.trim(), scopes: chosen });
  }
  return (
    <form onSubmit={submit} aria-label="Create ingestion key" className="flex flex-col gap-3 rounded-xl border border-border bg-card p-4 shadow-xs">
      {create.error ? <Alert variant="error">{serverMessage(create.error)}</Alert> : null}
      <div className="flex flex-wrap items-end gap-4">
        <div className="flex min-w-64 flex-1 flex-col gap-2">
          <Label htmlFor={`${id}-name`}>Key name</Label>
          <Input id={`${id}-name`} value={name} onChange={(e) => setName(e.currentTarget.value)} placeholder="serving: eu-west pods" autoComplete="off" maxLength={100} />
        </div>
        <fieldset className="flex items-center gap-4 pb-2">
          <legend className="sr-only">Scopes</legend>
          <label className="flex items-center gap-2 text-sm">
            <Checkbox checked={scopes.write} onChange={(e) => setScopes({ ...scopes, write: e.currentTarget.checked })} />
            Write events and labels
          </label>
          <label className="flex items-center gap-2 text-sm">
            <Checkbox checked={scopes.read} onChange={(e) => setScopes({ ...scopes, read: e.currentTarget.checked })} />
            Read statistics
          </label>
        </fieldset>
        <Button type="submit" disabled={create.isPending || !name.trim() || chosen.length === 0}>
          <KeyRound aria-hidden />
          {create.isPending ? 'Creating…' : 'Create key'}
        </Button>
      </div>
    </form>
  );
}
