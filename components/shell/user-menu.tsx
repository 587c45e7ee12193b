'use client';
// The signed-in person's menu: name on the button, roles, settings and sign out. Roles come from
// `me`, which the live bus invalidates, so a change an admin makes to this person shows at once.
import { useSuspenseQuery } from '@tanstack/react-query';
import { ChevronDown, LogOut, Settings } from 'lucide-react';
import { signOut } from 'next-auth/react';
import Link from 'next/link';
import { useTRPC } from '@/components/providers/trpc-provider';
import { useDisclosure } from '@/components/ui/use-disclosure';
import { RoleBadges } from './role-badges';

function initials(name: string) {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
}

export function UserMenu() {
  const trpc = useTRPC();
  const { data: me } = useSuspenseQuery(trpc.me.get.queryOptions());
  const { open, setOpen, panelId, rootRef, buttonRef } = useDisclosure();

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        data-testid="user-menu"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        className="flex h-9 items-center gap-2 rounded-md pr-2 pl-1 text-sm font-medium hover:bg-muted"
      >
        <span aria-hidden className="grid size-7 place-items-center rounded-full bg-accent text-xs font-semibold text-accent-foreground">
          {initials(me.name)}
        </span>
        {/* Below sm the name is visually hidden but stays the button's accessible name. */}
        <span className="sr-only sm:not-sr-only sm:max-w-40 sm:truncate">{me.name}</span>
        <ChevronDown aria-hidden className={`size-4 text-muted-foreground transition-transform ${open ? 'rotate-180' : ''}`} />
      </button>

      <div
        id={panelId}
        hidden={!open}
        className="absolute top-full right-0 z-40 mt-2 w-72 rounded-xl border border-border bg-card p-1.5 text-card-foreground shadow-lg"
      >
        <div className="flex flex-col gap-0.5 px-3 pt-2 pb-3">
          <p className="truncate text-sm font-medium">{me.name}</p>
          <p className="truncate text-xs text-muted-foreground">{me.email}</p>
        </div>
        <div className="flex flex-col gap-2 border-t border-border px-3 py-3">
          <p className="text-xs font-medium text-muted-foreground">Your roles</p>
          <RoleBadges roles={me.roles} testId="user-role" empty="No roles yet. Ask an administrator." />
        </div>
        <div className="flex flex-col border-t border-border pt-1.5">
          <Link
            href="/settings"
            onClick={() => setOpen(false)}
            className="flex items-center gap-2 rounded-md px-3 py-2 text-sm hover:bg-muted"
          >
            <Settings aria-hidden className="size-4 text-muted-foreground" />
            Settings
          </Link>
          <button
            type="button"
            onClick={() => void signOut({ callbackUrl: '/sign-in' })}
            className="flex items-center gap-2 rounded-md px-3 py-2 text-left text-sm hover:bg-muted"
          >
            <LogOut aria-hidden className="size-4 text-muted-foreground" />
            Sign out
          </button>
        </div>
      </div>
    </div>
  );
}
