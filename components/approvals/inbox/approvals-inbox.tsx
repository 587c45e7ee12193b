'use client';
// The approvals inbox: what waits for my signature, what I asked for, what is open and what was
// decided lately. The chosen tab lives in the URL (?tab=) so a link can open the right list.
import { useQuery } from '@tanstack/react-query';
import { usePathname, useSearchParams } from 'next/navigation';
import { Suspense, useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { SkeletonRows } from '@/components/ui/skeleton';
import { Tabs } from '@/components/ui/tabs';
import type { InboxView } from '../types';
import { INBOX_TABS, isInboxView } from './inbox-views';
import { RequestTable } from './request-table';

function Count({ n, label }: { n: number | undefined; label: string }) {
  if (!n) return null;
  return (
    <span data-testid="tab-count" className="ml-1.5 rounded-full bg-primary px-1.5 py-0.5 text-[11px] leading-none font-semibold text-primary-foreground tabular-nums">
      {n}
      <span className="sr-only"> {label}</span>
    </span>
  );
}

export function ApprovalsInbox({ initialView }: { initialView: InboxView }) {
  const trpc = useTRPC();
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const { data: counts } = useQuery(trpc.releases.counts.queryOptions());
  const [tab, setTab] = useState<InboxView>(initialView);

  function select(next: string) {
    if (!isInboxView(next)) return;
    setTab(next);
    const params = new URLSearchParams(searchParams);
    params.set('tab', next);
    window.history.replaceState(null, '', `${pathname}?${params.toString()}`);
  }

  return (
    <Tabs
      label="Release requests"
      value={tab}
      onValueChange={select}
      tabs={INBOX_TABS.map((t) => ({
        id: t.id,
        label: (
          <>
            {t.label}
            {t.id === 'awaiting_me' ? <Count n={counts?.awaitingMe} label="waiting" /> : t.id === 'mine' ? <Count n={counts?.mineOpen} label="open" /> : null}
          </>
        ),
        panel: (
          <Suspense fallback={<SkeletonRows rows={5} label="Loading release requests…" />}>
            <RequestTable view={t.id} caption={t.caption} />
          </Suspense>
        ),
      }))}
    />
  );
}
