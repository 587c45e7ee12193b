// Runs before every page and API request: a per-request CSP nonce (Next applies it to its own
// scripts) and a request id that the audit trail records.
import { NextResponse, type NextRequest } from 'next/server';

/** A path whose percent-escapes do not decode (`/models/%E0%A4%A`) names nothing; say so instead of failing later. */
function malformedPath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

export function proxy(request: NextRequest) {
  if (malformedPath(request.nextUrl.pathname)) {
    return new NextResponse('Bad request: the address holds a malformed percent-escape (such as %E0%A4%A).', { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const dev = process.env.NODE_ENV === 'development';
  const csp = [
    "default-src 'self'",
    // 'wasm-unsafe-eval' lets TF.js compile its WASM backend; nothing needs 'unsafe-eval' outside dev.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'wasm-unsafe-eval'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

  const requestHeaders = new Headers(request.headers);
  const requestId = /^[\w-]{8,64}$/.test(request.headers.get('x-request-id') ?? '') ? (request.headers.get('x-request-id') as string) : crypto.randomUUID();
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('x-request-id', requestId);
  requestHeaders.set('content-security-policy', csp);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', csp);
  response.headers.set('x-request-id', requestId);
  return response;
}

export const config = {
  // /api/v1 (uploads up to hundreds of MiB) bypasses the proxy, which would buffer the body, except
  // for an address whose percent-escapes do not decode: Next.js itself would answer that with a 500
  // before any route handler runs, so the proxy refuses it with a 400. The long group is the
  // grammar of a path that decodes (plain characters, and escapes that spell well-formed UTF-8:
  // RFC 3629's byte ranges); it must be a literal here, as Next.js reads this config statically.
  // server/http/proxy-matcher.test.ts ties it to decodeURIComponent.
  matcher: [
    {
      source:
        '/((?!_next/static|_next/image|favicon.ico|api/v1/(?:[^%]|%[0-7][0-9A-Fa-f]|%[Cc][2-9A-Fa-f]%[89ABab][0-9A-Fa-f]|%[Dd][0-9A-Fa-f]%[89ABab][0-9A-Fa-f]|%[Ee]0%[ABab][0-9A-Fa-f]%[89ABab][0-9A-Fa-f]|%[Ee][1-9A-Ca-cEeFf]%[89ABab][0-9A-Fa-f]%[89ABab][0-9A-Fa-f]|%[Ee][Dd]%[89][0-9A-Fa-f]%[89ABab][0-9A-Fa-f]|%[Ff]0%[9ABab][0-9A-Fa-f]%[89ABab][0-9A-Fa-f]%[89ABab][0-9A-Fa-f]|%[Ff][1-3]%[89ABab][0-9A-Fa-f]%[89ABab][0-9A-Fa-f]%[89ABab][0-9A-Fa-f]|%[Ff]4%8[0-9A-Fa-f]%[89ABab][0-9A-Fa-f]%[89ABab][0-9A-Fa-f])*$).*)',
    },
  ],
};
