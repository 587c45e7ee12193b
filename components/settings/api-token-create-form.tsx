'use client';
// Creates a personal API token: a name saying where it is used, and an optional expiry in days.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { KeyRound } from 'lucide-react';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { FieldError, FieldHint, Label } from '@/components/ui/label';
import { errorMessage } from '@/lib/trpc/error-message';
import { createApiTokenSchema } from '@/lib/validation/catalog';
import type { CreatedToken } from './new-api-token';

// The expiry field is text in the form ('' = never); the server schema is reused for the rest.
const formSchema = z.object({
  name: createApiTokenSchema.shape.name,
  expiresInDays: z.string().trim().refine((v) => v === '' || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 365), 'Between 1 and 365 days, or empty for no expiry.'),
});
type FormValues = z.input<typeof formSchema>;

export function ApiTokenCreateForm({ onCreated }: { onCreated: (created: CreatedToken) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const form = useForm<FormValues>({ resolver: zodResolver(formSchema), defaultValues: { name: '', expiresInDays: '90' } });
  const { errors } = form.formState;
  const create = useMutation(
    trpc.apiTokens.create.mutationOptions({
      onSuccess: async (result) => {
        form.reset();
        onCreated({ name: result.name, token: result.token });
        await queryClient.invalidateQueries({ queryKey: trpc.apiTokens.pathKey() });
      },
    }),
  );
  const onSubmit = form.handleSubmit(({ name, expiresInDays }) => create.mutate({ name, expiresInDays: expiresInDays ? Number(expiresInDays) : undefined }));

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Create API token" className="flex flex-col gap-3">
      {create.error ? <Alert variant="error">{errorMessage(create.error)}</Alert> : null}
      <div className="grid items-start gap-3 sm:grid-cols-[minmax(0,1fr)_10rem_auto]">
        <div className="flex flex-col gap-2">
          <Label htmlFor={`${id}-name`}>Token name</Label>
          <Input id={`${id}-name`} placeholder="CI: churn training" autoComplete="off" aria-invalid={!!errors.name} aria-describedby={`${id}-name-error`} {...form.register('name')} />
          <FieldError id={`${id}-name-error`}>{errors.name?.message}</FieldError>
        </div>
        <div className="flex flex-col gap-2">
          <Label htmlFor={`${id}-days`}>Expires after (days)</Label>
          <Input id={`${id}-days`} inputMode="numeric" aria-invalid={!!errors.expiresInDays} aria-describedby={`${id}-days-hint ${id}-days-error`} {...form.register('expiresInDays')} />
          <FieldHint id={`${id}-days-hint`}>Empty: never expires.</FieldHint>
          <FieldError id={`${id}-days-error`}>{errors.expiresInDays?.message}</FieldError>
        </div>
        <Button type="submit" className="sm:mt-6" disabled={create.isPending}>
          <KeyRound aria-hidden />
          {create.isPending ? 'Creating…' : 'Create token'}
        </Button>
      </div>
    </form>
  );
}
