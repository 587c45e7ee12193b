// Where a redirect after sign-in (or any other `callbackUrl`) may lead: a path on this site, and
// nothing a browser could read as another host. Browsers strip tabs and newlines from URLs, treat
// `\` as `/` and decode percent-escapes in places; any of those can turn `/x` into `//evil`. So a
// target is refused outright when it holds a control character, a backslash or whitespace (or its
// percent-decoded form a control character or a backslash), or either does not start with exactly one `/`.

const FORBIDDEN = /[\u0000-\u0020\u007f-\u009f\\\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff]/;

function decodedForms(value: string): string[] | null {
  const forms = [value];
  let current = value;
  // Up to three rounds catches double and triple encoding (`%252F`); a malformed escape refuses.
  for (let i = 0; i < 3 && current.includes('%'); i++) {
    try {
      current = decodeURIComponent(current);
    } catch {
      return null;
    }
    forms.push(current);
  }
  return forms;
}

// Decoded, a space inside a path is harmless (`/models/Iris%20species`); controls and backslashes are not.
const FORBIDDEN_DECODED = /[\u0000-\u001f\u007f-\u009f\\]/;
const safePath = (p: string, i: number) => !(i === 0 ? FORBIDDEN : FORBIDDEN_DECODED).test(p) && p.startsWith('/') && !p.startsWith('//');

/**
 * The same-origin path to redirect to, or null to use the default. `origin` (e.g.
 * `https://modelgate.example`) lets absolute URLs on this very origin through, as their path.
 */
export function safeRedirectPath(value: unknown, origin?: string): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return null;
  let path = value;
  if (origin && value.toLowerCase().startsWith(`${origin.toLowerCase()}/`)) path = value.slice(origin.length);
  const forms = decodedForms(path);
  if (!forms || !forms.every(safePath)) return null;
  // Resolve against a placeholder origin: whatever the URL parser makes of it must stay on that origin.
  const base = 'http://modelgate.invalid';
  let resolved: URL;
  try {
    resolved = new URL(path, base);
  } catch {
    return null;
  }
  if (resolved.origin !== base) return null;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
