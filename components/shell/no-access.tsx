import { Lock } from 'lucide-react';
import Link from 'next/link';
import { navItem } from '@/lib/navigation';
import { rolesWith, SIGNED_IN_CAPABILITIES } from '@/lib/permissions';
import { ROLE_LABELS } from '@/lib/roles';
import { buttonClasses } from '@/components/ui/button';

/** The 403 page body: says which roles the section needs and where to go instead. */
export function NoAccess({ href }: { href: string }) {
  const item = navItem(href);
  const roles = SIGNED_IN_CAPABILITIES.includes(item.capability) ? 'every signed-in person' : rolesWith(item.capability).map((r) => ROLE_LABELS[r]).join(', ');
  return (
    <section aria-labelledby="no-access-title" className="mx-auto mt-10 flex max-w-lg flex-col items-center gap-4 text-center">
      <span className="grid size-12 place-items-center rounded-full bg-muted text-muted-foreground">
        <Lock aria-hidden className="size-5" />
      </span>
      <h1 id="no-access-title" className="text-xl font-semibold tracking-tight">
        You do not have access
      </h1>
      <p className="text-sm text-muted-foreground" data-testid="no-access">
        {item.label} is available to: {roles}. If your work needs it, ask an administrator to give you one of these roles.
      </p>
      <Link href="/" className={buttonClasses({ variant: 'outline' })}>
        Back to overview
      </Link>
    </section>
  );
}
