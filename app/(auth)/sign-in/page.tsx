import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { safeRedirectPath } from '@/lib/safe-redirect';
import { currentUser } from '@/server/context';
import { env } from '@/server/env';

export const metadata: Metadata = { title: 'Sign in' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Only paths on this site are followed after sign-in (lib/safe-redirect.ts); anything else would be an open redirect. */
async function safeCallback(value: string | string[] | undefined): Promise<string> {
  const raw = Array.isArray(value) ? value[0] : value;
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host');
  // next-auth hands back absolute URLs on our own origin; those keep their path.
  const origin = host ? `${h.get('x-forwarded-proto') ?? 'http'}://${host}` : undefined;
  const path = safeRedirectPath(raw, origin);
  return !path || path === '/sign-in' || path.startsWith('/sign-in?') || path.startsWith('/sign-in/') ? '/' : path;
}

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = await safeCallback(params.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);

  const ssoEnabled = !!(env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET);
  const error = Array.isArray(params.error) ? params.error[0] : params.error;

  return (
    <main className="flex min-h-dvh items-center justify-center px-4 py-12">
      <div className="flex w-full max-w-sm flex-col gap-8">
        <div className="flex flex-col items-center gap-3 text-center">
          <span aria-hidden className="grid size-10 place-items-center rounded-lg bg-primary text-lg font-semibold text-primary-foreground">
            M
          </span>
          <div className="flex flex-col gap-1">
            <h1 className="text-xl font-semibold tracking-tight">Sign in to Modelgate</h1>
            <p className="text-sm text-muted-foreground">Model registry, approvals and audit trail.</p>
          </div>
        </div>
        <SignInForm callbackUrl={callbackUrl} ssoEnabled={ssoEnabled} ssoName={env.OIDC_NAME} initialError={error ?? null} />
      </div>
    </main>
  );
}
