// The one guard every text input passes before it reaches a service verb (tRPC middleware, REST
// params, query strings and bodies, ingestion events): no NUL characters, no unpaired UTF-16
// surrogates (Postgres stores neither; both are signs of a hostile or broken client), and no
// nesting deeper than any real input needs (deep nesting overflows recursive parsers further in).

/** Deepest nesting an input may have; our deepest real inputs (JSON metadata, model cards) stay far below. */
export const MAX_INPUT_DEPTH = 64;

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string may not be stored, or null when it may. */
export function unsafeTextReason(s: string): string | null {
  if (s.includes('\u0000')) return 'holds a NUL character (\\u0000)';
  if (UNPAIRED_SURROGATE.test(s)) return 'holds an unpaired UTF-16 surrogate (invalid Unicode)';
  return null;
}

export type UnsafeText = { path: string; reason: string };

/**
 * The first string (value or object key) in `value` that may not be stored, with where it is, or
 * null when everything is clean. Walks plain objects, arrays, Maps and Sets without recursion.
 */
export function findUnsafeText(value: unknown, root = 'input'): UnsafeText | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const { value: v, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    if (typeof v === 'string') {
      const reason = unsafeTextReason(v);
      if (reason) return { path, reason };
      continue;
    }
    if (!v || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    if (depth >= MAX_INPUT_DEPTH) return { path, reason: `nests deeper than ${MAX_INPUT_DEPTH} levels` };
    const push = (child: unknown, at: string) => stack.push({ value: child, path: at, depth: depth + 1 });
    if (Array.isArray(v)) v.forEach((item, i) => push(item, `${path}[${i}]`));
    else if (v instanceof Map) {
      for (const [k, item] of v) {
        push(k, `${path} key`);
        push(item, `${path}.${String(k)}`);
      }
    } else if (v instanceof Set) {
      let i = 0;
      for (const item of v) push(item, `${path}[${i++}]`);
    } else if (!(v instanceof Date) && !ArrayBuffer.isView(v) && !(v instanceof Blob)) {
      for (const [k, item] of Object.entries(v)) {
        const keyReason = unsafeTextReason(k);
        if (keyReason) return { path: `${path} key ${JSON.stringify(k)}`, reason: keyReason };
        push(item, `${path}.${k}`);
      }
    }
  }
  return null;
}

/** A sentence for a 400 answer: where the bad text is and what to do about it. */
export function unsafeTextMessage(found: UnsafeText): string {
  const where = found.path.length > 120 ? `${found.path.slice(0, 120)}…` : found.path;
  return `${where} ${found.reason}; send valid Unicode text without NUL characters.`;
}
