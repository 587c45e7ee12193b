// Context for the REST API (/api/v1): a personal API token (Authorization: Bearer mgt_...) or the
// browser session. Session-authenticated writes must come from this site (multipart posts are
// "simple" requests a foreign page could send). A route names the capability it needs, so a caller
// who may not use it is refused before the body is read; the service verb checks again.
import 'server-only';
import { createRequestContext } from '@/server/context';
import { getDb } from '@/server/db/client';
import { getBus } from '@/server/events/bus';
import { ForbiddenError, UnauthorizedError } from '@/server/errors';
import type { Capability } from '@/lib/permissions';
import { authenticateApiToken } from '@/server/services/api-tokens/tokens';
import { requireCapability } from '@/server/services/authorize';
import type { ServiceContext } from '@/server/services/context';
import { requestMeta } from './request-meta';
import { originHost } from './same-origin';

export async function apiContext(req: Request, capability: Capability): Promise<ServiceContext> {
  const ctx = await authenticate(req);
  requireCapability(ctx, capability);
  return ctx;
}

async function authenticate(req: Request): Promise<ServiceContext> {
  const authorization = req.headers.get('authorization');
  if (authorization) {
    const [scheme, token] = authorization.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw new UnauthorizedError('Use “Authorization: Bearer <token>” with a personal API token.');
    const user = await authenticateApiToken(getDb(), token.trim());
    if (!user) throw new UnauthorizedError('This API token is unknown, revoked or expired, or its owner is disabled.');
    const { tokenId, tokenPrefix, ...sessionUser } = user;
    return { db: getDb(), bus: getBus(), user: sessionUser, request: requestMeta(req.headers), apiToken: { id: tokenId, prefix: tokenPrefix } };
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    const site = req.headers.get('sec-fetch-site');
    const origin = req.headers.get('origin');
    const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
    const sameSite = site ? site === 'same-origin' : !!origin && originHost(origin) === host;
    if (!sameSite) throw new ForbiddenError('Cross-site request refused. Machine clients authenticate with an API token.');
  }
  const ctx = await createRequestContext(req.headers);
  if (!ctx.user) throw new UnauthorizedError('Sign in, or send a personal API token as “Authorization: Bearer <token>”.');
  return ctx;
}
