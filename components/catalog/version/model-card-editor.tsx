'use client';
// Edits the model card's sections through catalog.updateVersion, with a reason for the audit trail.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { FormActions } from '@/components/ui/form-actions';
import { Dialog } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { errorMessage } from '@/lib/trpc/error-message';
import { MODEL_CARD_FIELDS, type ModelCard } from '@/lib/validation/catalog';
import { MarkdownField } from '../forms/markdown-field';
import type { VersionDetail } from '../types';

export function ModelCardEditor({ v, onClose }: { v: VersionDetail; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [card, setCard] = useState<ModelCard>(() => Object.fromEntries(MODEL_CARD_FIELDS.map(([k]) => [k, v.modelCard[k] ?? ''])) as ModelCard);
  const [reason, setReason] = useState('');
  const mutation = useMutation(
    trpc.catalog.updateVersion.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.catalog.pathKey() });
        onClose();
      },
    }),
  );

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    mutation.mutate({ modelId: v.model.id, version: v.version, modelCard: card, reason: reason.trim() || undefined });
  }

  return (
    <Dialog open onClose={onClose} dismissible={!mutation.isPending} size="lg" title={`Edit model card of v${v.version}`} description="Markdown in every section. Empty sections count as missing." className="max-w-4xl!">
      <form onSubmit={onSubmit} className="flex flex-col gap-5">
        {mutation.error ? <Alert variant="error">{errorMessage(mutation.error)}</Alert> : null}
        <div className="grid max-h-[55dvh] gap-5 overflow-y-auto pr-1 lg:grid-cols-2">
          {MODEL_CARD_FIELDS.map(([key, label]) => (
            <MarkdownField
              key={key}
              id={`${id}-${key}`}
              label={label}
              value={card[key]}
              rows={4}
              textareaProps={{ value: card[key], maxLength: 20_000, onChange: (e) => setCard((c) => ({ ...c, [key]: e.currentTarget.value })) }}
            />
          ))}
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={`${id}-reason`}>Reason for the change</Label>
          <Input id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} placeholder="Optional, recorded in the audit trail" />
        </div>
        <FormActions onCancel={onClose} pending={mutation.isPending} submitLabel="Save model card" pendingLabel="Saving…" />
      </form>
    </Dialog>
  );
}
