// How a refused release action reads in a form: the server's own sentence (it is written for
// people), and the message of the one field it names, if any.
import { errorMessage } from '@/lib/trpc/error-message';

type MaybeError = { message?: unknown; data?: { issues?: { path?: unknown; message?: unknown }[] | null } | null } | null;

export function serverMessage(error: unknown): string {
  const message = (error as MaybeError)?.message;
  // Input validation errors arrive as a JSON dump of issues; those read better joined.
  if (typeof message === 'string' && message && !/^\s*[[{]/.test(message)) return errorMessage({ message });
  return errorMessage(error);
}

export function fieldIssue(error: unknown, path: string): string | undefined {
  const issue = (error as MaybeError)?.data?.issues?.find((i) => i.path === path);
  return typeof issue?.message === 'string' ? issue.message : undefined;
}
