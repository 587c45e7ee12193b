'use client';
// A page that failed to load: say so, keep the shell around it, and offer a retry.
import { useRouter } from 'next/navigation';
import { startTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/lib/trpc/error-message';

export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  // Server render errors arrive with their message hidden in production; show the reference instead.
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
