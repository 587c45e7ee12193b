'use client';
// When `me` starts failing with UNAUTHORIZED (session revoked, account disabled), leave the
// dashboard for the sign-in page instead of showing stale data with broken actions.
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';

export function SessionGuard() {
  const trpc = useTRPC();
  const { error } = useQuery(trpc.me.get.queryOptions());
  const signedOut = error?.data?.code === 'UNAUTHORIZED';

  useEffect(() => {
    // A full navigation, so no cached data of the old session survives.
    if (signedOut) window.location.assign('/sign-in');
  }, [signedOut]);

  return null;
}
