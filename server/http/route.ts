// The one wrapper every REST route handler goes through: path parameters (already decoded once by
// Next.js; decoding them again turns `%25` into a URIError) and the query string pass the shared
// text guard, and every failure is answered from the one error table, never as an unlogged 500.
import { findUnsafeText, unsafeTextMessage } from '@/lib/text-guard';
import { ValidationError } from '@/server/errors';
import { errorResponse } from './respond';

type Params = Record<string, string | string[] | undefined>;

/** Throws a 400 when `value` holds text that may not be stored (NUL, unpaired surrogates, absurd nesting). */
export function refuseUnsafeText(value: unknown, where: string): void {
  const found = findUnsafeText(value, where);
  if (found) throw new ValidationError(unsafeTextMessage(found), { rule: 'unsafe_text', path: found.path });
}

/** Wraps a route handler: `handler(req, params)` gets the guarded params; its errors become answers. */
export function apiRoute<P extends Params = Params>(handler: (req: Request, params: P) => Promise<Response>) {
  return async (req: Request, segment?: { params: Promise<P> }): Promise<Response> => {
    try {
      const params = ((await segment?.params) ?? {}) as P;
      refuseUnsafeText(params, 'path');
      refuseUnsafeText(Object.fromEntries(new URL(req.url).searchParams), 'query');
      return await handler(req, params);
    } catch (err) {
      return errorResponse(err, req);
    }
  };
}

/** The JSON body, guarded; `hint` says what a valid body looks like. */
export async function readJson(req: Request, hint: string): Promise<unknown> {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    throw new ValidationError(hint);
  }
  refuseUnsafeText(body, 'body');
  return body;
}
