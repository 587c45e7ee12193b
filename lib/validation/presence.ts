// Presence: which page a heartbeat is about. Only release request and alert pages show who is there.
import { z } from 'zod';

const PRESENCE_KINDS = ['release', 'alert'] as const;
export type PresenceKind = (typeof PRESENCE_KINDS)[number];

/** How often an open page says it is still open, and how long the server believes it without news. */
export const PRESENCE_HEARTBEAT_MS = 15_000;
export const PRESENCE_TTL_MS = 40_000;

const PAGE = /^(release|alert):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export const presencePageSchema = z.object({
  page: z
    .string()
    .trim()
    .regex(PAGE, { message: 'A presence page is "release:<request id>" or "alert:<alert id>".' })
    .transform((s) => s.toLowerCase()),
});

export function parsePresencePage(page: string): { kind: PresenceKind; id: string } {
  const [, kind, id] = PAGE.exec(page) ?? [];
  if (!kind || !id) throw new Error(`not a presence page: ${page}`);
  return { kind: kind.toLowerCase() as PresenceKind, id: id.toLowerCase() };
}

export const presencePage = (kind: PresenceKind, id: string) => `${kind}:${id.toLowerCase()}`;
