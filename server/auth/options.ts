// next-auth: email + password out of the box, OpenID Connect when OIDC_* is configured.
// The JWT holds only our server-side session id (see sessions.ts), so sessions are revocable.
import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { sql } from 'drizzle-orm';
import { getDb } from '@/server/db/client';
import { users } from '@/server/db/schema';
import { safeRedirectPath } from '@/lib/safe-redirect';
import { env } from '@/server/env';
import { getBus } from '@/server/events/bus';
import { DomainError } from '@/server/errors';
import { requestMeta } from '@/server/http/request-meta';
import { signInWithPassword } from '@/server/services/auth/sign-in';
import { signOut } from '@/server/services/auth/sign-out';
import { createSession } from './sessions';
import { mutate } from '@/server/services/mutate';

const systemCtx = (headers: Parameters<typeof requestMeta>[0]) => ({ db: getDb(), bus: getBus(), user: null, request: requestMeta(headers) });

const oidcProvider =
  env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET
    ? [
        {
          id: 'oidc',
          name: env.OIDC_NAME,
          type: 'oauth' as const,
          wellKnown: `${env.OIDC_ISSUER.replace(/\/$/, '')}/.well-known/openid-configuration`,
          clientId: env.OIDC_CLIENT_ID,
          clientSecret: env.OIDC_CLIENT_SECRET,
          authorization: { params: { scope: 'openid email profile' } },
          idToken: true,
          checks: ['pkce', 'state'] as ('pkce' | 'state')[],
          profile: (p: { sub: string; email?: string; name?: string }) => ({ id: p.sub, email: p.email ?? null, name: p.name ?? p.email ?? p.sub }),
        },
      ]
    : [];

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: 'jwt', maxAge: env.SESSION_MAX_AGE_HOURS * 3600 },
  pages: { signIn: '/sign-in', error: '/sign-in' },
  providers: [
    CredentialsProvider({
      id: 'credentials',
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, req) {
        try {
          const user = await signInWithPassword({ ctx: systemCtx(req.headers ?? {}), input: credentials });
          return { id: user.id, email: user.email, name: user.name, sid: user.sessionId };
        } catch (err) {
          // next-auth shows the message to the user; only our own, user-facing messages get through.
          if (err instanceof DomainError) throw new Error(err.message);
          console.error('[auth] sign-in failed', err);
          throw new Error('Sign-in is unavailable right now. Try again shortly.');
        }
      },
    }),
    ...oidcProvider,
  ],
  callbacks: {
    // Only paths on this site survive (lib/safe-redirect.ts); next-auth's default lets `/\t/evil…` through.
    redirect({ url, baseUrl }) {
      const path = safeRedirectPath(url, baseUrl);
      return path ? `${baseUrl}${path}` : baseUrl;
    },
    async signIn({ user, account }) {
      if (account?.provider !== 'oidc') return true;
      // Single sign-on admits only people an admin has already added (matched by email).
      const email = user.email?.toLowerCase();
      if (!email) return false;
      const [row] = await getDb().select().from(users).where(sql`lower(${users.email}) = ${email}`);
      return !!row && !row.disabled;
    },
    async jwt({ token, user, account }) {
      if (account?.provider === 'credentials' && user && 'sid' in user) {
        token.sid = user.sid as string;
        token.uid = user.id;
      } else if (account?.provider === 'oidc' && user?.email) {
        const email = user.email.toLowerCase();
        const [row] = await getDb().select().from(users).where(sql`lower(${users.email}) = ${email}`);
        if (row) {
          const ctx = systemCtx({});
          token.sid = await mutate(ctx, async ({ tx, audit }) => {
            const sid = await createSession(tx, row.id, 'oidc', ctx.request);
            await audit({ action: 'auth.signed_in', entityType: 'user', entityId: row.id, after: { provider: 'oidc', sessionId: sid }, actor: { type: 'user', id: row.id, name: row.name, roles: row.roles } });
            return sid;
          });
          token.uid = row.id;
        }
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, sid: typeof token.sid === 'string' ? token.sid : null };
    },
  },
  events: {
    async signOut({ token }) {
      if (typeof token?.sid === 'string') await signOut({ ctx: systemCtx({}), input: { sessionId: token.sid } });
    },
  },
};
