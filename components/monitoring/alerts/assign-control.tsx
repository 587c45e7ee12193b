'use client';
// Who works the alert: "Assign to me" for ops, and for admins (who can list people) a choice of
// everyone holding ops or admin. The server refuses anyone else.
import { can } from '@/lib/permissions';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';

type Props = { alertId: string; assigneeId: string | null; meId: string; canPickPeople: boolean; onError: (error: unknown) => void };

export function AssignControl({ alertId, assigneeId, meId, canPickPeople, onError }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [picked, setPicked] = useState('');
  const people = useQuery({ ...trpc.users.list.queryOptions(), enabled: canPickPeople });
  const assign = useMutation(
    trpc.monitoring.assign.mutationOptions({
      onSuccess: async () => {
        setPicked('');
        await queryClient.invalidateQueries({ queryKey: trpc.monitoring.pathKey() });
      },
      onError,
    }),
  );
  const workers = (people.data ?? []).filter((u) => !u.disabled && can(u, 'alert.work') && u.id !== assigneeId);

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        {assigneeId !== meId ? (
          <Button variant="outline" size="sm" disabled={assign.isPending} onClick={() => assign.mutate({ alertId, assigneeId: meId })}>
            Assign to me
          </Button>
        ) : null}
        {assigneeId ? (
          <Button variant="ghost" size="sm" disabled={assign.isPending} onClick={() => assign.mutate({ alertId, assigneeId: null })}>
            Unassign
          </Button>
        ) : null}
      </div>
      {canPickPeople ? (
        <div className="flex items-end gap-2">
          <div className="flex min-w-0 flex-1 flex-col gap-1.5">
            <Label htmlFor={`${id}-person`}>Assign to</Label>
            <Select id={`${id}-person`} value={picked} onChange={(e) => setPicked(e.currentTarget.value)} disabled={people.isPending}>
              <option value="">{people.isPending ? 'Loading people…' : 'Choose a person'}</option>
              {workers.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </Select>
          </div>
          <Button size="sm" className="mb-0.5" disabled={!picked || assign.isPending} onClick={() => assign.mutate({ alertId, assigneeId: picked })}>
            Assign
          </Button>
        </div>
      ) : null}
    </div>
  );
}
