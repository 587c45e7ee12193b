'use client';
// The main navigation. The server renders it from the roles it read for this request; once `me`
// is loaded, the live roles take over, so a role change made by an admin shows without a reload.
// Approvals carries a live count of the requests waiting for this person's signature.
import { useQuery } from '@tanstack/react-query';
import { clsx } from 'clsx';
import { Activity, Boxes, ClipboardCheck, FlaskConical, ScrollText, Users, type LucideIcon } from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTRPC } from '@/components/providers/trpc-provider';
import { navItemsFor, type NavIcon } from '@/lib/navigation';
import type { Role } from '@/lib/roles';

const ICONS: Record<NavIcon, LucideIcon> = {
  catalog: Boxes,
  approvals: ClipboardCheck,
  monitoring: Activity,
  evaluate: FlaskConical,
  audit: ScrollText,
  admin: Users,
};

export function MainNav({ serverRoles }: { serverRoles: Role[] }) {
  const trpc = useTRPC();
  const pathname = usePathname();
  const { data: me } = useQuery(trpc.me.get.queryOptions());
  const items = navItemsFor(me?.roles ?? serverRoles);

  return (
    <nav aria-label="Main" className="flex gap-1 overflow-x-auto px-3 py-2 md:flex-col md:overflow-visible md:px-3 md:py-4">
      {items.map((item) => {
        const Icon = ICONS[item.icon];
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? 'page' : undefined}
            className={clsx(
              'flex shrink-0 items-center gap-2.5 rounded-md px-3 py-2 text-sm font-medium transition-colors',
              active ? 'bg-accent text-accent-foreground' : 'text-muted-foreground hover:bg-muted hover:text-foreground',
            )}
          >
            <Icon aria-hidden className="size-4 shrink-0" />
            {item.label}
            {item.icon === 'approvals' ? <AwaitingBadge /> : null}
          </Link>
        );
      })}
    </nav>
  );
}

/** Requests waiting for my signature; the live bus invalidates `releases` queries, so it stays current. */
function AwaitingBadge() {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.releases.counts.queryOptions());
  const n = data?.awaitingMe ?? 0;
  if (n === 0) return null;
  return (
    <span
      data-testid="approvals-count"
      data-count={n}
      className="ml-auto rounded-full bg-primary px-1.5 py-0.5 text-[11px] leading-none font-semibold text-primary-foreground tabular-nums"
    >
      {n}
      <span className="sr-only"> waiting for your signature</span>
    </span>
  );
}
