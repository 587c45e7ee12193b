'use client';
// An ingestion key just created: shown exactly once with a copy button, and a curl example that
// sends one event with it to this site's own address. Dismissing it drops the key for good.
import { useQuery } from '@tanstack/react-query';
import { useState, useSyncExternalStore } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SecretValue } from '@/components/ui/secret-value';
import type { TaskType } from '@/lib/validation/catalog';
import { exampleEvent } from './example-event';

export type CreatedKey = { name: string; key: string; scopes: string[] };
type Serving = { modelId: string; version: number; taskType: TaskType };

const subscribe = () => () => {};

export function NewIngestionKey({ created, serving, onDone }: { created: CreatedKey; serving: Serving | null; onDone: () => void }) {
  const trpc = useTRPC();
  // The origin is only known in the browser; the server render shows a placeholder.
  const origin = useSyncExternalStore(subscribe, () => window.location.origin, () => 'https://modelgate.example.com');
  const [now] = useState(() => new Date().toISOString());
  const version = useQuery({ ...trpc.catalog.version.queryOptions({ modelId: serving?.modelId ?? '', version: serving?.version ?? 1 }), enabled: !!serving });
  const example = exampleEvent(version.data?.inputSchema ?? null, version.data?.outputSchema ?? null, serving?.taskType ?? 'binary_classification', now);
  const lines = [
    `export MODELGATE_INGEST_KEY=${created.key}`,
    ``,
    `curl -X POST ${origin}/api/v1/events \\`,
    `  -H "Authorization: Bearer $MODELGATE_INGEST_KEY" -H "Content-Type: application/json" \\`,
    `  -d '${JSON.stringify({ events: [example.event] })}'`,
    ``,
    `# Ground truth later, by event_id`,
    `curl -X POST ${origin}/api/v1/labels \\`,
    `  -H "Authorization: Bearer $MODELGATE_INGEST_KEY" -H "Content-Type: application/json" \\`,
    `  -d '${JSON.stringify({ labels: [example.label] })}'`,
  ];
  return (
    <section aria-label="New ingestion key" className="flex flex-col gap-3 rounded-lg border border-success/30 bg-success/8 p-4" data-testid="new-key">
      <p className="text-sm font-medium">
        Key “{created.name}” created ({created.scopes.join(' + ')})
      </p>
      <SecretValue value={created.key} noun="ingestion key" testId="new-ingestion-key" className="bg-card" />
      <Alert variant="warning" role="note">
        Copy it now: you won’t see it again. Keep it in the serving environment’s secret store, never in code.
      </Alert>
      {created.scopes.includes('write') ? (
        <div className="flex flex-col gap-1.5">
          <h3 className="text-sm font-semibold">Send predictions with it</h3>
          <pre data-testid="ingest-curl-example" className="overflow-x-auto rounded-lg border border-border bg-card p-3 font-mono text-xs leading-5">
            <code>{lines.join('\n')}</code>
          </pre>
          <p className="text-xs text-muted-foreground">
            Up to 1,000 events per batch. Each event is checked against the serving version’s input schema and refused with its reasons if it does not fit; event ids make retries safe. The API is
            described at{' '}
            <a href="/api/v1/openapi.json" className="font-medium text-primary hover:underline">
              /api/v1/openapi.json
            </a>
            .
          </p>
        </div>
      ) : null}
      <Button variant="secondary" size="sm" className="self-start" onClick={onDone}>
        I have stored it
      </Button>
    </section>
  );
}
