'use client';
// What the requester says about the release: the change, its expected impact and how to roll back.
import { useSuspenseQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Card, CardContent } from '@/components/ui/card';

const SECTIONS = [
  ['changeSummary', 'Change summary'],
  ['expectedImpact', 'Expected impact'],
  ['rollbackPlan', 'Rollback plan'],
] as const;

export function RequestTexts({ requestId }: { requestId: string }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.releases.get.queryOptions({ requestId }));
  return (
    <Card>
      <CardContent className="grid gap-5 pt-5 md:grid-cols-3">
        {SECTIONS.map(([key, label]) => (
          <section key={key} aria-labelledby={`text-${key}`} data-testid={`request-${key}`} className="flex min-w-0 flex-col gap-1.5">
            <h2 id={`text-${key}`} className="text-sm font-semibold">
              {label}
            </h2>
            <p className="text-sm whitespace-pre-wrap text-foreground/90 [overflow-wrap:anywhere]">{data.request[key]}</p>
          </section>
        ))}
      </CardContent>
    </Card>
  );
}
