// What every service verb receives: the database, the live bus, who is calling and from where.
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

export type ServiceContext = {
  db: Database;
  bus: EventBus;
  user: SessionUser | null;
  request: RequestMeta;
  /** Set when the call came with a personal API token instead of a browser session. */
  apiToken?: { id: string; prefix: string };
};

export type VerbArgs<I> = { ctx: ServiceContext; input: I };
