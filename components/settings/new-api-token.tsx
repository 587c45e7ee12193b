'use client';
// A token just created: shown exactly once, with a copy button. It lives only in this component's
// state; dismissing it drops it for good (the server keeps only a hash).
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SecretValue } from '@/components/ui/secret-value';

export type CreatedToken = { name: string; token: string };

export function NewApiToken({ created, onDone }: { created: CreatedToken; onDone: () => void }) {
  return (
    <section aria-label="New API token" className="flex flex-col gap-3 rounded-lg border border-success/30 bg-success/8 p-4">
      <p className="text-sm font-medium">Token “{created.name}” created</p>
      <SecretValue value={created.token} noun="token" testId="new-api-token" className="bg-card" />
      <Alert variant="warning" role="note">
        Copy it now: it won’t be shown again. Store it in your CI’s secret store, never in code.
      </Alert>
      <Button variant="secondary" size="sm" className="self-start" onClick={onDone}>
        I have stored it
      </Button>
    </section>
  );
}
