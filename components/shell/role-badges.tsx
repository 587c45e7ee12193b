import { ROLE_LABELS, type Role } from '@/lib/roles';
import { Badge } from '@/components/ui/badge';

/** A person's roles as badges; `testId` marks each badge for the end-to-end tests. */
export function RoleBadges({ roles, testId, empty = 'No roles' }: { roles: readonly Role[]; testId?: string; empty?: string }) {
  if (roles.length === 0) return <span className="text-xs text-muted-foreground">{empty}</span>;
  return (
    <ul className="flex flex-wrap gap-1.5">
      {roles.map((role) => (
        <li key={role}>
          <Badge variant="primary" data-testid={testId}>
            {ROLE_LABELS[role]}
          </Badge>
        </li>
      ))}
    </ul>
  );
}
