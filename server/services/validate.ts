import type { z } from 'zod';
import { ValidationError } from '@/server/errors';

/** Services validate their own input too: the REST API, scripts and tests call them without tRPC. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const first = issues[0];
    throw new ValidationError(first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'Invalid input.', { issues });
  }
  return result.data;
}
