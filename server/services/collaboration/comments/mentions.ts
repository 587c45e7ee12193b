// @mentions: resolving the handles a body names to people (refusing, with the reason, any handle
// that is unknown, ambiguous, disabled or names someone who may not see the subject, so a mention
// never tells anyone about something hidden from them), and the composer's autocomplete.
import 'server-only';
import { and, arrayOverlaps, asc, eq, ilike, inArray, ne, or, sql } from 'drizzle-orm';
import { handleOf, MENTION_CANDIDATES_MAX, mentionCandidatesSchema, parseMentions } from '@/lib/validation/comments';
import type { Role } from '@/lib/roles';
import type { DbOrTx } from '@/server/db/connect';
import { users } from '@/server/db/schema';
import { ValidationError } from '@/server/errors';
import { requireCapability } from '../../authorize';
import type { VerbArgs } from '../../context';
import { parseInput } from '../../validate';
import { loadSubject, maySee, requireWriter, subjectLabel, type Subject } from './subjects';

export type MentionedPerson = { id: string; name: string };

const localPart = sql<string>`lower(split_part(${users.email}, '@', 1))`;

/** The people a body mentions, or a ValidationError naming every handle that cannot be mentioned and why. */
export async function resolveMentions(db: DbOrTx, subject: Subject, body: string): Promise<MentionedPerson[]> {
  const handles = parseMentions(body);
  if (handles.length === 0) return [];
  const emails = handles.filter((h) => h.includes('@'));
  const locals = handles.filter((h) => !h.includes('@'));
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email, roles: users.roles, disabled: users.disabled })
    .from(users)
    .where(or(emails.length ? inArray(sql`lower(${users.email})`, emails) : undefined, locals.length ? inArray(localPart, locals) : undefined));

  const people: MentionedPerson[] = [];
  const problems: string[] = [];
  for (const handle of handles) {
    const matches = rows.filter((r) => (handle.includes('@') ? r.email.toLowerCase() === handle : handleOf(r.email) === handle));
    const active = matches.filter((r) => !r.disabled);
    const person = active[0];
    if (matches.length === 0) problems.push(`@${handle}: nobody has this handle (a handle is the part of an email before the @).`);
    else if (!person) problems.push(`@${handle}: ${matches[0]?.name ?? 'this person'}'s account is disabled.`);
    else if (active.length > 1) problems.push(`@${handle}: ${active.length} people have this handle; write the full email, e.g. @${active[0]?.email.toLowerCase()}.`);
    else if (!maySee(person, subject.readers)) problems.push(`@${handle}: ${person.name} cannot see this ${subjectLabel(subject.type)}, so they cannot be mentioned here.`);
    else people.push({ id: person.id, name: person.name });
  }
  if (problems.length > 0) {
    const summary = problems.length === 1 ? `Cannot mention ${problems[0]}` : `Cannot mention ${problems.length} of the people named: ${problems.join(' ')}`;
    throw new ValidationError(summary, { issues: problems.map((message) => ({ path: 'body', message: `Cannot mention ${message}` })) });
  }
  return people;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** People who may see the subject whose name or email starts with the prefix (a word of the name counts), for autocomplete. */
export async function mentionCandidates({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'catalog.read');
  const { subjectType, subjectId, prefix } = parseInput(mentionCandidatesSchema, input);
  const user = requireWriter(ctx, subjectType);
  const subject = await loadSubject(ctx.db, { subjectType, subjectId });
  const p = escapeLike(prefix.replace(/^@/, ''));
  const matching = p ? or(ilike(users.name, `${p}%`), ilike(users.name, `% ${p}%`), ilike(users.email, `${p}%`)) : undefined;
  const readers: readonly Role[] | null = subject.readers;
  const rows = await ctx.db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.disabled, false), ne(users.id, user.id), readers ? arrayOverlaps(users.roles, [...readers]) : undefined, matching))
    .orderBy(asc(users.name), asc(users.email))
    .limit(MENTION_CANDIDATES_MAX);
  if (rows.length === 0) return [];
  // A handle shared by two active people must be written as the full email.
  const shared = await ctx.db
    .select({ handle: localPart, n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.disabled, false), inArray(localPart, [...new Set(rows.map((r) => handleOf(r.email)))])))
    .groupBy(localPart);
  const ambiguous = new Set(shared.filter((s) => s.n > 1).map((s) => s.handle));
  return rows.map((r) => ({ id: r.id, name: r.name, email: r.email, handle: ambiguous.has(handleOf(r.email)) ? r.email.toLowerCase() : handleOf(r.email) }));
}
