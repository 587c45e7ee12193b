'use client';
// Personal API tokens for machine clients (CI jobs, training scripts): create, see once, revoke.
import { useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { ApiTokenCreateForm } from './api-token-create-form';
import { ApiTokenCurlExample } from './api-token-curl-example';
import { ApiTokenList } from './api-token-list';
import { NewApiToken, type CreatedToken } from './new-api-token';

export function ApiTokens() {
  const trpc = useTRPC();
  const { data: tokens } = useSuspenseQuery(trpc.apiTokens.list.queryOptions());
  const [created, setCreated] = useState<CreatedToken | null>(null);
  return (
    <Card data-testid="api-tokens">
      <CardHeader>
        <CardTitle>API tokens</CardTitle>
        <CardDescription>
          Tokens let scripts and CI jobs call the Modelgate REST API as you, with your roles. Create one per place it is used, so you can revoke it alone.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-6">
        {created ? <NewApiToken created={created} onDone={() => setCreated(null)} /> : null}
        <ApiTokenCreateForm onCreated={setCreated} />
        <ApiTokenList tokens={tokens} />
        <ApiTokenCurlExample />
      </CardContent>
    </Card>
  );
}

export function ApiTokensSkeleton() {
  return <Skeleton className="h-72 w-full rounded-xl" />;
}
