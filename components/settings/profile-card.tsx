'use client';
// The signed-in person's profile as Modelgate knows it; roles follow live changes via `me`.
import { useSuspenseQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '@/lib/roles';

export function ProfileCard() {
  const trpc = useTRPC();
  const { data: me } = useSuspenseQuery(trpc.me.get.queryOptions());
  return (
    <Card>
      <CardHeader>
        <CardTitle>Profile</CardTitle>
        <CardDescription>Your name, email and roles are managed by an administrator.</CardDescription>
      </CardHeader>
      <CardContent>
        <dl className="grid grid-cols-[6rem_minmax(0,1fr)] gap-x-4 gap-y-3 text-sm">
          <dt className="text-muted-foreground">Name</dt>
          <dd className="font-medium">{me.name}</dd>
          <dt className="text-muted-foreground">Email</dt>
          <dd className="break-all">{me.email}</dd>
          <dt className="text-muted-foreground">Roles</dt>
          <dd>
            {me.roles.length === 0 ? (
              <span className="text-muted-foreground">No roles yet.</span>
            ) : (
              <ul className="flex flex-col gap-2">
                {me.roles.map((role) => (
                  <li key={role} className="flex flex-col items-start gap-1">
                    <Badge variant="primary">{ROLE_LABELS[role]}</Badge>
                    <span className="text-xs text-muted-foreground">{ROLE_DESCRIPTIONS[role]}</span>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
      </CardContent>
    </Card>
  );
}
