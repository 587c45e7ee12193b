// What every service verb receives: the database, the live bus, who is calling and from where.
import 'server-only';
import type { IngestionScope } from '@/lib/validation/monitoring';
import type { Database } from '@/server/db/connect';
import type { Role } from '@/server/db/schema';
import type { EventBus } from '@/server/events/types';

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  /** The server-side session behind this request; null for calls not made through a browser session. */
  sessionId: string | null;
};

export type RequestMeta = { requestId: string; ip: string | null; userAgent: string | null };

/** A deployment's ingestion key: the actor of the machine edge (events, labels, drift reads). */
export type IngestionKeyActor = { keyId: string; deploymentId: string; scopes: IngestionScope[]; prefix: string };

/**
 * Who is calling: a person's browser session, a person's API token, a deployment's ingestion key, or
 * Modelgate itself (the alert worker). Derived from the context by actorOf.
 */
export type Actor =
  | { type: 'user'; user: SessionUser }
  | { type: 'api_token'; user: SessionUser; tokenId: string }
  | { type: 'ingestion_key'; key: IngestionKeyActor }
  | { type: 'system' };

export function actorOf(ctx: ServiceContext): Actor {
  if (ctx.ingestionKey) return { type: 'ingestion_key', key: ctx.ingestionKey };
  if (ctx.user && ctx.apiToken) return { type: 'api_token', user: ctx.user, tokenId: ctx.apiToken.id };
  if (ctx.user) return { type: 'user', user: ctx.user };
  return { type: 'system' };
}

export type ServiceContext = {
  db: Database;
  bus: EventBus;
  user: SessionUser | null;
  request: RequestMeta;
  /** Set when the call came with a personal API token instead of a browser session. */
  apiToken?: { id: string; prefix: string };
  /** Set when the call came with a deployment's ingestion key (then user is null). */
  ingestionKey?: IngestionKeyActor;
};

export type VerbArgs<I> = { ctx: ServiceContext; input: I };
