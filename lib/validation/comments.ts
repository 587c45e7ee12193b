// Comment threads: the shapes shared by the comment services and the Discussion widget, and the
// one definition of what counts as an @mention in a body.
import { z } from 'zod';

/** What a thread hangs off. Every subject belongs to one registered model (feeds and watches read it). */
const COMMENT_SUBJECT_TYPES = ['model', 'version', 'release', 'alert'] as const;
export type CommentSubject = (typeof COMMENT_SUBJECT_TYPES)[number];

/** What a subject is called in messages ("… cannot see this release request"). */
export const COMMENT_SUBJECT_LABELS: Record<CommentSubject, string> = { model: 'model', version: 'model version', release: 'release request', alert: 'alert' };

/** The closed set of reactions, in the order the reactions bar shows them. */
export const COMMENT_EMOJI = ['👍', '🎉', '👀', '❤️', '🚀', '😕'] as const;
export type CommentEmoji = (typeof COMMENT_EMOJI)[number];
export const COMMENT_EMOJI_LABELS: Record<CommentEmoji, string> = { '👍': 'thumbs up', '🎉': 'hooray', '👀': 'eyes', '❤️': 'heart', '🚀': 'rocket', '😕': 'confused' };

export const COMMENT_BODY_MAX = 10_000;
/** An author may edit a comment for this long after posting it. */
export const COMMENT_EDIT_WINDOW_MS = 15 * 60 * 1000;
export const MENTION_CANDIDATES_MAX = 8;

const id = z.uuid({ message: 'Expected an id (UUID).' });

const body = z
  .string()
  .max(COMMENT_BODY_MAX, { message: `A comment is at most ${COMMENT_BODY_MAX.toLocaleString('en')} characters.` })
  .refine((s) => s.trim().length > 0, { message: 'Write something before posting.' })
  // Trailing whitespace means nothing in Markdown; leading spaces can (an indented code block).
  .transform((s) => s.trimEnd());

export const commentSubjectSchema = z.object({ subjectType: z.enum(COMMENT_SUBJECT_TYPES), subjectId: id });
export type CommentSubjectInput = z.infer<typeof commentSubjectSchema>;

export const createCommentSchema = commentSubjectSchema.extend({ body, parentId: id.optional() });
export const editCommentSchema = z.object({ commentId: id, body });
export const commentIdSchema = z.object({ commentId: id });
export const reactToCommentSchema = z.object({ commentId: id, emoji: z.enum(COMMENT_EMOJI, { message: `A reaction is one of ${COMMENT_EMOJI.join(' ')}.` }) });
export const mentionCandidatesSchema = commentSubjectSchema.extend({ prefix: z.string().trim().max(100).default('') });

/**
 * `@handle` where the handle is an email's local part (`@approver`), or a whole email when the local
 * part is ambiguous (`@approver@modelgate.local`). The `@` must start a word, so an email address
 * written in the text (`write to a@b.com`) is not a mention; a trailing full stop ends the handle.
 */
const MENTION = /(^|[^\w.@/+-])@([a-z0-9][a-z0-9._%+-]*(?:@[a-z0-9-]+(?:\.[a-z0-9-]+)+)?)/gi;

/** Text where mentions do not count: fenced code blocks and inline code spans. */
function withoutCode(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?(?:^\1[^\n]*$|(?![\s\S]))/gm, ' ').replace(/(`+)[\s\S]*?\1/g, ' ');
}

/** Each mentioned handle once, lower-cased, in the order written. */
export function parseMentions(markdown: string): string[] {
  const handles = new Set<string>();
  for (const match of withoutCode(markdown).matchAll(MENTION)) {
    const handle = (match[2] ?? '').replace(/[._%+-]+$/, '').toLowerCase();
    if (handle) handles.add(handle);
  }
  return [...handles];
}

/** The mention being typed just before the caret (for autocomplete): where its @ is, and what follows it. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|[^\w.@/+-])@([a-z0-9._%+@-]{0,60})$/i.exec(text.slice(0, caret));
  if (!match) return null;
  const query = match[2] ?? '';
  return { start: caret - query.length - 1, query };
}

/** The handle of an email: its local part, lower-cased. */
export const handleOf = (email: string) => (email.split('@')[0] ?? email).toLowerCase();

/** Splits plain text into text and mention parts (for highlighting mentions in rendered Markdown). */
export function splitMentions(text: string): { text: string; handle?: string }[] {
  const parts: { text: string; handle?: string }[] = [];
  let last = 0;
  for (const match of text.matchAll(MENTION)) {
    const lead = match[1] ?? '';
    const raw = (match[2] ?? '').replace(/[._%+-]+$/, '');
    if (!raw) continue;
    const start = (match.index ?? 0) + lead.length;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: `@${raw}`, handle: raw.toLowerCase() });
    last = start + 1 + raw.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
