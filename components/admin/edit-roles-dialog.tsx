'use client';
// Replaces one person's roles, with an optional reason that goes into the audit trail.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { FormActions } from '@/components/ui/form-actions';
import { Dialog } from '@/components/ui/dialog';
import { Textarea } from '@/components/ui/input';
import { FieldHint, Label } from '@/components/ui/label';
import type { Role } from '@/lib/roles';
import { errorMessage } from '@/lib/trpc/error-message';
import { RoleCheckboxes } from './role-checkboxes';
import type { UserRow } from './types';

export function EditRolesDialog({ user, open, onClose }: { user: UserRow; open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title={`Edit roles for ${user.name}`} description={user.email} size="lg">
      <EditRolesForm user={user} onDone={onClose} />
    </Dialog>
  );
}

function EditRolesForm({ user, onDone }: { user: UserRow; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formId = useId();
  const [roles, setRoles] = useState<Set<Role>>(() => new Set(user.roles));
  const [reason, setReason] = useState('');
  const setRolesMutation = useMutation(
    trpc.users.setRoles.mutationOptions({
      onSuccess: async () => {
        // `me` too: the admin may have changed their own roles.
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.me.pathKey() }),
        ]);
        onDone();
      },
    }),
  );

  const unchanged = roles.size === user.roles.length && user.roles.every((r) => roles.has(r));

  function toggle(role: Role, checked: boolean) {
    setRoles((current) => {
      const next = new Set(current);
      if (checked) next.add(role);
      else next.delete(role);
      return next;
    });
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setRolesMutation.mutate({ userId: user.id, roles: [...roles], reason: reason.trim() || undefined });
  }

  return (
    <form id={formId} onSubmit={onSubmit} className="flex flex-col gap-5">
      {setRolesMutation.error ? <Alert variant="error">{errorMessage(setRolesMutation.error)}</Alert> : null}
      <RoleCheckboxes
        idPrefix={`${formId}-role`}
        inputProps={(role) => ({ checked: roles.has(role), onChange: (e) => toggle(role, e.currentTarget.checked) })}
      />
      <div className="flex flex-col gap-2">
        <Label htmlFor={`${formId}-reason`}>Reason</Label>
        <Textarea id={`${formId}-reason`} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} aria-describedby={`${formId}-reason-hint`} />
        <FieldHint id={`${formId}-reason-hint`}>Optional. Recorded in the audit trail with the change.</FieldHint>
      </div>
      <FormActions onCancel={onDone} pending={setRolesMutation.isPending} submitLabel="Save roles" pendingLabel="Saving…" submitDisabled={unchanged} />
    </form>
  );
}
