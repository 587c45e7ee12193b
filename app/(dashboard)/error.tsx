'use client';
// A page that failed to load: say so, keep the shell around it, and offer a retry. When the reason
// is that the server cannot reach its database, say it is reconnecting and come back by itself.
import { useRouter } from 'next/navigation';
import { startTransition, useEffect, useState } from 'react';
import { DatabaseUnavailable, databaseAnswers } from '@/components/shell/database-unavailable';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/lib/trpc/error-message';

export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  // Server render errors arrive with their message hidden in production: ask the server whether its
  // database is there before calling this an error.
  const [database, setDatabase] = useState<'checking' | 'up' | 'down'>('checking');
  useEffect(() => {
    let live = true;
    void databaseAnswers().then((up) => live && setDatabase(up ? 'up' : 'down'));
    return () => {
      live = false;
    };
  }, [error]);
  if (database === 'checking') return null;
  if (database === 'down') return <DatabaseUnavailable onBack={reset} />;
  const detail = error.digest ? `Reference: ${error.digest}` : errorMessage(error);
  return (
    <div className="mx-auto mt-10 flex max-w-lg flex-col gap-4">
      <h1 className="text-xl font-semibold tracking-tight">This page could not be loaded</h1>
      <Alert variant="error">{detail}</Alert>
      <Button
        className="self-start"
        onClick={() =>
          startTransition(() => {
            router.refresh();
            reset();
          })
        }
      >
        Try again
      </Button>
    </div>
  );
}
