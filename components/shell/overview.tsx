'use client';
// The home page body: who you are, what your roles let you do, and the sections you can open.
// Reads `me`, so it follows role changes live like the rest of the shell.
import { useSuspenseQuery } from '@tanstack/react-query';
import { ArrowRight } from 'lucide-react';
import Link from 'next/link';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { navItemsFor } from '@/lib/navigation';
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '@/lib/roles';

export function Overview() {
  const trpc = useTRPC();
  const { data: me } = useSuspenseQuery(trpc.me.get.queryOptions());
  const sections = navItemsFor(me.roles);

  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Welcome, {me.name}</h1>
        <p className="text-sm text-muted-foreground">Signed in as {me.email}.</p>
      </div>

      <section aria-labelledby="your-roles" className="flex flex-col gap-3">
        <h2 id="your-roles" className="text-sm font-semibold text-muted-foreground">
          Your roles
        </h2>
        {me.roles.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            You have no roles yet, so you can browse the catalog and evaluations only. Ask an administrator for the roles your work needs.
          </p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
            {me.roles.map((role) => (
              <li key={role} className="flex flex-col gap-1.5 rounded-lg border border-border bg-card px-4 py-3">
                <Badge variant="primary" className="self-start">
                  {ROLE_LABELS[role]}
                </Badge>
                <p className="text-sm text-muted-foreground">{ROLE_DESCRIPTIONS[role]}</p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="your-sections" className="flex flex-col gap-3">
        <h2 id="your-sections" className="text-sm font-semibold text-muted-foreground">
          Where to go
        </h2>
        <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
          {sections.map((item) => (
            <li key={item.href}>
              <Link href={item.href} className="group block h-full rounded-xl">
                <Card className="h-full transition-colors group-hover:border-primary/40 group-hover:bg-accent/30">
                  <CardHeader>
                    <CardTitle className="flex items-center justify-between gap-2">
                      {item.label}
                      <ArrowRight aria-hidden className="size-4 text-muted-foreground transition-transform group-hover:translate-x-0.5" />
                    </CardTitle>
                    <CardDescription>{item.description}</CardDescription>
                  </CardHeader>
                  <CardContent />
                </Card>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export function OverviewSkeleton() {
  return (
    <div role="status" className="flex flex-col gap-8">
      <span className="sr-only">Loading…</span>
      <div className="h-8 w-64 animate-pulse rounded-md bg-muted" />
      <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
        {[0, 1, 2].map((i) => (
          <div key={i} className="h-20 animate-pulse rounded-lg bg-muted" />
        ))}
      </div>
    </div>
  );
}
