'use client';
// Sets, moves or adds a non-protected alias (e.g. "candidate", "shadow"). Protected aliases are
// explained here, but the server is what refuses them, and its message is shown as it comes.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Lock } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { FieldHint, Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { errorMessage } from '@/lib/trpc/error-message';
import { isProtectedAlias } from '../types';

type AliasFormProps = { modelId: string; versions: number[]; aliasNames: string[] };

export function AliasForm({ modelId, versions, aliasNames }: AliasFormProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [alias, setAlias] = useState('');
  const [version, setVersion] = useState(String(versions[0] ?? ''));
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const mutation = useMutation(
    trpc.catalog.setAlias.mutationOptions({
      onSuccess: async (result) => {
        await queryClient.invalidateQueries({ queryKey: trpc.catalog.pathKey() });
        setDone(`“${result.alias}” now points at v${result.version}.`);
        setAlias('');
        setReason('');
      },
    }),
  );
  const locked = isProtectedAlias(alias);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    mutation.mutate({ modelId, alias: alias.trim(), version: Number(version), reason: reason.trim() || undefined });
  }

  return (
    <form onSubmit={onSubmit} aria-label="Set alias" className="flex flex-col gap-3" data-testid="alias-form">
      {mutation.error ? <Alert variant="error">{errorMessage(mutation.error)}</Alert> : null}
      {done && !mutation.isPending ? <Alert variant="success">{done}</Alert> : null}
      <div className="grid grid-cols-[minmax(0,1fr)_6.5rem] gap-2">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={`${id}-alias`}>Alias name</Label>
          <Input
            id={`${id}-alias`}
            value={alias}
            onChange={(e) => setAlias(e.currentTarget.value)}
            list={`${id}-aliases`}
            placeholder="e.g. candidate"
            autoComplete="off"
            required
            className="font-mono"
            aria-describedby={`${id}-alias-hint`}
          />
          <datalist id={`${id}-aliases`}>
            {aliasNames.filter((n) => !isProtectedAlias(n)).map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={`${id}-version`}>Version</Label>
          <Select id={`${id}-version`} value={version} onChange={(e) => setVersion(e.currentTarget.value)}>
            {versions.map((v) => (
              <option key={v} value={v}>
                v{v}
              </option>
            ))}
          </Select>
        </div>
      </div>
      {locked ? (
        <p id={`${id}-alias-hint`} className="flex items-start gap-1.5 text-xs text-warning">
          <Lock aria-hidden className="mt-0.5 size-3 shrink-0" />“{alias.trim().toLowerCase()}” is protected: it moves only when a release request is approved.
        </p>
      ) : (
        <FieldHint id={`${id}-alias-hint`}>Lowercase letters, digits, dashes or underscores. An existing alias moves to the chosen version.</FieldHint>
      )}
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-reason`}>Reason</Label>
        <Input id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} placeholder="Optional, recorded in the history" />
      </div>
      <Button type="submit" size="sm" className="self-start" disabled={mutation.isPending || !alias.trim() || !version}>
        {mutation.isPending ? 'Saving…' : 'Set alias'}
      </Button>
    </form>
  );
}
