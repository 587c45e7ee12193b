// The URL filter for user-written Markdown: links and images may be relative, http(s) or mailto;
// anything else (javascript:, data:, vbscript:, file:, ...) becomes an empty href, which the
// Markdown component shows as plain text.

const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

export function safeUrl(url: string): string {
  // Browsers drop ASCII tabs and newlines inside URLs and trim control characters and spaces
  // around them ("java\nscript:" runs as javascript:), so the scheme is read the same way.
  const value = url.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  const colon = value.indexOf(':');
  if (colon === -1) return value;
  // A colon after the first '/', '?' or '#' is part of a relative path, not a scheme.
  const cut = [value.indexOf('/'), value.indexOf('?'), value.indexOf('#')].filter((i) => i !== -1);
  if (cut.length > 0 && colon > Math.min(...cut)) return value;
  return SAFE_SCHEMES.has(value.slice(0, colon).toLowerCase()) ? value : '';
}
