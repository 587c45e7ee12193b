'use client';
// "Register model": the catalog entry a model's versions hang off. Only data scientists see the
// button; the server refuses everyone else anyway. A name clash comes back as CONFLICT and is shown.
import { can } from '@/lib/permissions';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormActions } from '@/components/ui/form-actions';
import { Dialog } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { FieldError, Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { errorMessage } from '@/lib/trpc/error-message';
import { registerModelSchema, RISK_TIERS, TASK_TYPE_LABELS, TASK_TYPES, type RegisterModelInput } from '@/lib/validation/catalog';
import { MarkdownField } from '../forms/markdown-field';
import { TagsEditor } from '../forms/tags-editor';

export function RegisterModelButton() {
  const trpc = useTRPC();
  const { data: me } = useSuspenseQuery(trpc.me.get.queryOptions());
  const [open, setOpen] = useState(false);
  if (!can(me, 'model.register')) return null;
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Plus aria-hidden />
        Register model
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Register model" description="A catalog entry for a model; you upload its versions next." size="lg">
        <RegisterModelForm onCancel={() => setOpen(false)} />
      </Dialog>
    </>
  );
}

function RegisterModelForm({ onCancel }: { onCancel: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const id = useId();
  // Suggestions only: the form must not wait (or suspend) for them.
  const { data: facets } = useQuery(trpc.catalog.facets.queryOptions());
  const form = useForm<RegisterModelInput, unknown, z.output<typeof registerModelSchema>>({
    resolver: zodResolver(registerModelSchema),
    defaultValues: { name: '', description: '', ownerTeam: '', taskType: 'binary_classification', riskTier: 'medium', tags: [] },
  });
  const { errors } = form.formState;
  const create = useMutation(
    trpc.catalog.register.mutationOptions({
      onSuccess: async (model) => {
        await queryClient.invalidateQueries({ queryKey: trpc.catalog.pathKey() });
        router.push(`/models/${model.id}`);
      },
    }),
  );
  const onSubmit = form.handleSubmit((values) => create.mutate(values));
  const field = (name: 'name' | 'ownerTeam') => ({ id: `${id}-${name}`, 'aria-invalid': !!errors[name], 'aria-describedby': `${id}-${name}-error` });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
      {create.error ? <Alert variant="error">{errorMessage(create.error)}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="flex flex-col gap-2">
          <Label htmlFor={`${id}-name`}>Name</Label>
          <Input autoComplete="off" {...field('name')} {...form.register('name')} />
          <FieldError id={`${id}-name-error`}>{errors.name?.message}</FieldError>
        </div>
        <div className="flex flex-col gap-2">
          <Label htmlFor={`${id}-ownerTeam`}>Owner team</Label>
          <Input autoComplete="off" list={`${id}-teams`} {...field('ownerTeam')} {...form.register('ownerTeam')} />
          <datalist id={`${id}-teams`}>
            {(facets?.ownerTeams ?? []).map((team) => (
              <option key={team} value={team} />
            ))}
          </datalist>
          <FieldError id={`${id}-ownerTeam-error`}>{errors.ownerTeam?.message}</FieldError>
        </div>
        <div className="flex flex-col gap-2">
          <Label htmlFor={`${id}-task`}>Task type</Label>
          <Select id={`${id}-task`} {...form.register('taskType')}>
            {TASK_TYPES.map((t) => (
              <option key={t} value={t}>
                {TASK_TYPE_LABELS[t]}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex flex-col gap-2">
          <Label htmlFor={`${id}-risk`}>Risk tier</Label>
          <Select id={`${id}-risk`} {...form.register('riskTier')}>
            {RISK_TIERS.map((t) => (
              <option key={t} value={t}>
                {t === 'high' ? 'High (needs a risk review to release)' : t === 'medium' ? 'Medium' : 'Low'}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <MarkdownField id={`${id}-description`} label="Description" value={form.watch('description')} error={errors.description?.message} textareaProps={form.register('description')} />
      <TagsEditor idPrefix={id} form={form} />
      <FormActions onCancel={onCancel} pending={create.isPending} submitLabel="Register" pendingLabel="Registering…" />
    </form>
  );
}
