'use client';
// Changes the caller's own password. The server re-checks the current one and signs out every
// other session, which the success message says so nobody is surprised on another device.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { FieldError, FieldHint, Label } from '@/components/ui/label';
import { errorMessage } from '@/lib/trpc/error-message';
import { changePasswordSchema, MIN_PASSWORD_LENGTH } from '@/lib/validation/users';

// The confirmation exists only in the form; the server schema is reused for the rest.
const formSchema = changePasswordSchema
  .extend({ confirmPassword: z.string() })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'The two new passwords do not match.' })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ['newPassword'], message: 'Choose a password different from your current one.' });
type FormValues = z.input<typeof formSchema>;

export function ChangePasswordForm() {
  const trpc = useTRPC();
  const id = useId();
  const form = useForm<FormValues>({
    resolver: zodResolver(formSchema),
    defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
  });
  const { errors } = form.formState;
  const change = useMutation(trpc.me.changePassword.mutationOptions({ onSuccess: () => form.reset() }));

  const onSubmit = form.handleSubmit(({ currentPassword, newPassword }) => change.mutate({ currentPassword, newPassword }));

  const field = (name: keyof FormValues, label: string, autoComplete: string, hint?: string) => (
    <div className="flex flex-col gap-2">
      <Label htmlFor={`${id}-${name}`}>{label}</Label>
      <Input
        id={`${id}-${name}`}
        type="password"
        autoComplete={autoComplete}
        aria-invalid={!!errors[name]}
        aria-describedby={`${id}-${name}-hint ${id}-${name}-error`}
        {...form.register(name)}
      />
      {hint ? <FieldHint id={`${id}-${name}-hint`}>{hint}</FieldHint> : null}
      <FieldError id={`${id}-${name}-error`}>{errors[name]?.message}</FieldError>
    </div>
  );

  return (
    <Card>
      <CardHeader>
        <CardTitle>Change password</CardTitle>
        <CardDescription>Changing it signs you out everywhere else.</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} noValidate className="flex max-w-md flex-col gap-4">
          {change.error ? <Alert variant="error">{errorMessage(change.error)}</Alert> : null}
          {change.isSuccess && !form.formState.isDirty ? (
            <Alert variant="success">Password changed. Other sessions have been signed out.</Alert>
          ) : null}
          {field('currentPassword', 'Current password', 'current-password')}
          {field('newPassword', 'New password', 'new-password', `At least ${MIN_PASSWORD_LENGTH} characters.`)}
          {field('confirmPassword', 'Confirm new password', 'new-password')}
          <Button type="submit" className="self-start" disabled={change.isPending}>
            {change.isPending ? 'Changing…' : 'Change password'}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
