'use client';
// The people list with per-row role and status actions. It reads users.list, which the live bus
// invalidates, so changes made by another admin appear here without a reload.
import { useSuspenseQuery } from '@tanstack/react-query';
import { Pencil } from 'lucide-react';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { RoleBadges } from '@/components/shell/role-badges';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { SkeletonRows } from '@/components/ui/skeleton';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { EditRolesDialog } from './edit-roles-dialog';
import { SetDisabledDialog } from './set-disabled-dialog';
import type { UserRow } from './types';

type Action = { kind: 'roles' | 'status'; user: UserRow } | null;

function formatDate(date: Date) {
  return date.toISOString().slice(0, 10);
}

export function UsersTable() {
  const trpc = useTRPC();
  const { data: users } = useSuspenseQuery(trpc.users.list.queryOptions());
  const { data: me } = useSuspenseQuery(trpc.me.get.queryOptions());
  const [action, setAction] = useState<Action>(null);
  const close = () => setAction(null);

  return (
    <>
      <Table>
        <TableCaption>People with access to Modelgate, their roles and status</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>Email</TableHead>
            <TableHead>Roles</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Created</TableHead>
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {users.length === 0 ? (
            <TableRow>
              <TableCell colSpan={6} className="py-10 text-center text-muted-foreground">
                No people yet. Use “Add person” to invite the first one.
              </TableCell>
            </TableRow>
          ) : (
            users.map((user) => {
              const isMe = user.id === me.id;
              return (
                <TableRow key={user.id} data-testid="user-row" data-email={user.email} className={user.disabled ? 'bg-muted/30' : 'hover:bg-muted/30'}>
                  <TableCell className="font-medium">
                    <span className="flex items-center gap-2">
                      {user.name}
                      {isMe ? <Badge variant="outline">You</Badge> : null}
                      {!user.hasPassword ? <Badge variant="outline" title="Signs in with single sign-on only">SSO</Badge> : null}
                    </span>
                  </TableCell>
                  <TableCell className="text-muted-foreground">{user.email}</TableCell>
                  <TableCell>
                    <RoleBadges roles={user.roles} />
                  </TableCell>
                  <TableCell>
                    <Badge data-testid="user-status" variant={user.disabled ? 'destructive' : 'success'}>
                      {user.disabled ? 'Disabled' : 'Active'}
                    </Badge>
                  </TableCell>
                  <TableCell className="whitespace-nowrap text-muted-foreground tabular-nums">
                    <time dateTime={user.createdAt.toISOString()}>{formatDate(user.createdAt)}</time>
                  </TableCell>
                  <TableCell>
                    <div className="flex justify-end gap-1.5">
                      <Button size="sm" variant="outline" onClick={() => setAction({ kind: 'roles', user })}>
                        <Pencil aria-hidden />
                        Edit roles<span className="sr-only"> for {user.name}</span>
                      </Button>
                      <Button
                        size="sm"
                        variant={user.disabled ? 'outline' : 'destructive-ghost'}
                        disabled={isMe && !user.disabled}
                        title={isMe && !user.disabled ? 'You cannot disable your own account.' : undefined}
                        onClick={() => setAction({ kind: 'status', user })}
                      >
                        {user.disabled ? 'Enable' : 'Disable'}
                        <span className="sr-only"> {user.name}</span>
                      </Button>
                    </div>
                  </TableCell>
                </TableRow>
              );
            })
          )}
        </TableBody>
      </Table>
      {action?.kind === 'roles' ? <EditRolesDialog user={action.user} open onClose={close} /> : null}
      {action?.kind === 'status' ? <SetDisabledDialog user={action.user} open onClose={close} /> : null}
    </>
  );
}

export function UsersTableSkeleton() {
  return <SkeletonRows rows={6} label="Loading people…" />;
}
