'use client';
// What a page says while the server cannot reach its database (restarting, failing over): a state
// to wait out, not an error page. It asks /api/health every two seconds and reloads the page's data
// by itself once the database answers again.
import { useRouter } from 'next/navigation';
import { startTransition, useEffect } from 'react';

const POLL_MS = 2000;

/** Whether the server's database answers now; a network failure counts as "not yet". */
export async function databaseAnswers(): Promise<boolean> {
  try {
    return (await fetch('/api/health', { cache: 'no-store' })).ok;
  } catch {
    return false;
  }
}

export function DatabaseUnavailable({ onBack }: { onBack?: () => void }) {
  const router = useRouter();
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      if (stopped) return;
      if (await databaseAnswers()) {
        startTransition(() => {
          router.refresh();
          onBack?.();
        });
        return;
      }
      timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [router, onBack]);
  return (
    <div role="status" data-testid="database-unavailable" className="mx-auto mt-16 flex max-w-lg flex-col gap-3 px-4">
      <h1 className="text-xl font-semibold tracking-tight">Reconnecting to the database…</h1>
      <p className="text-sm text-muted-foreground">
        Modelgate cannot reach its database for a moment (it may be restarting). Nothing was changed, and nothing you saved is lost. This page loads by itself as soon as
        the database is back.
      </p>
    </div>
  );
}
