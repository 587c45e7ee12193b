'use client';
// "Add person": name, email, roles and an optional password. Without a password the server
// generates a temporary one, which is shown exactly once afterwards.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { UserPlus } from 'lucide-react';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormActions } from '@/components/ui/form-actions';
import { Dialog } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { FieldError, FieldHint, Label } from '@/components/ui/label';
import { errorMessage } from '@/lib/trpc/error-message';
import { createUserSchema, MIN_PASSWORD_LENGTH, type CreateUserInput } from '@/lib/validation/users';
import { RoleCheckboxes } from './role-checkboxes';
import { TemporaryPasswordDialog } from './temporary-password-dialog';

type Created = { name: string; email: string; temporaryPassword: string };

export function AddPersonButton() {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <UserPlus aria-hidden />
        Add person
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Add person" description="They sign in with this email and the roles you give them." size="lg">
        <AddPersonForm
          onCancel={() => setOpen(false)}
          onCreated={(result) => {
            setOpen(false);
            if (result) setCreated(result);
          }}
        />
      </Dialog>
      <TemporaryPasswordDialog created={created} onClose={() => setCreated(null)} />
    </>
  );
}

function AddPersonForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (c: Created | null) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const form = useForm<CreateUserInput>({
    resolver: zodResolver(createUserSchema),
    defaultValues: { name: '', email: '', roles: [], password: undefined },
  });
  const { errors } = form.formState;
  const create = useMutation(
    trpc.users.create.mutationOptions({
      onSuccess: async ({ user, temporaryPassword }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() });
        onCreated(temporaryPassword ? { name: user.name, email: user.email, temporaryPassword } : null);
      },
    }),
  );

  const onSubmit = form.handleSubmit((values) => create.mutate(values));

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
      {create.error ? <Alert variant="error">{errorMessage(create.error)}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="flex flex-col gap-2">
          <Label htmlFor={`${id}-name`}>Name</Label>
          <Input id={`${id}-name`} autoComplete="off" aria-invalid={!!errors.name} aria-describedby={`${id}-name-error`} {...form.register('name')} />
          <FieldError id={`${id}-name-error`}>{errors.name?.message}</FieldError>
        </div>
        <div className="flex flex-col gap-2">
          <Label htmlFor={`${id}-email`}>Email</Label>
          <Input id={`${id}-email`} type="email" autoComplete="off" aria-invalid={!!errors.email} aria-describedby={`${id}-email-error`} {...form.register('email')} />
          <FieldError id={`${id}-email-error`}>{errors.email?.message}</FieldError>
        </div>
      </div>
      <RoleCheckboxes idPrefix={`${id}-role`} inputProps={(role) => ({ value: role, ...form.register('roles') })} />
      <div className="flex flex-col gap-2">
        <Label htmlFor={`${id}-password`}>Password</Label>
        <Input
          id={`${id}-password`}
          type="password"
          autoComplete="new-password"
          aria-invalid={!!errors.password}
          aria-describedby={`${id}-password-hint ${id}-password-error`}
          // An empty field means "generate one", which the schema expresses as undefined.
          {...form.register('password', { setValueAs: (v: string) => (v === '' ? undefined : v) })}
        />
        <FieldHint id={`${id}-password-hint`}>
          Optional: leave empty to generate a temporary password. Otherwise at least {MIN_PASSWORD_LENGTH} characters.
        </FieldHint>
        <FieldError id={`${id}-password-error`}>{errors.password?.message}</FieldError>
      </div>
      <FormActions onCancel={onCancel} pending={create.isPending} submitLabel="Create person" pendingLabel="Creating…" />
    </form>
  );
}
