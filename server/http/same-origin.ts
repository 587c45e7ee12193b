// Cross-site request refusal for state-changing API calls: a browser on another site can neither
// forge a tRPC mutation nor smuggle one in as a simple (non-JSON) form post.
export function crossSiteRefusal(req: Request): string | null {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return null;
  const site = req.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return `Cross-site request refused (Sec-Fetch-Site: ${site}).`;
  const origin = req.headers.get('origin');
  if (origin) {
    const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
    const from = originHost(origin);
    if (from === null) return 'Cross-site request refused (malformed Origin).';
    if (from !== host) return `Cross-site request refused (Origin ${origin} does not match this site).`;
  }
  const type = req.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('application/json')) return 'Requests must be sent as application/json.';
  return null;
}

/** The host of an Origin header, or null when it is `null` (opaque origins) or not a URL at all. */
export function originHost(origin: string): string | null {
  try {
    const host = new URL(origin).host;
    return host === '' ? null : host;
  } catch {
    return null;
  }
}
