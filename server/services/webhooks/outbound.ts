// Sends one webhook request without letting it reach places it must not: every hop's host is
// resolved here, each address is checked, and the connection goes to the checked address itself
// (no second DNS lookup a rebinding server could answer differently). Redirects are followed by
// hand, at most five, each new hop checked the same way.
import 'server-only';
import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { restrictedAddressReason } from './address';

type ResolvedAddress = { address: string; family: 4 | 6 };
/** Every address a hostname resolves to. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;
/** One hop: the URL (for Host, TLS name and path) and the checked address to connect to. */
export type Hop = { url: URL } & ResolvedAddress;
type HopRequest = { headers: Record<string, string>; body: string; signal: AbortSignal };
type HopResponse = { status: number; location: string | null; bodySnippet: string };
export type Sender = (hop: Hop, request: HopRequest) => Promise<HopResponse>;

const MAX_REDIRECTS = 5;
const DELIVERY_TIMEOUT_MS = 10_000;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** The target was refused before any connection was made. Not retried: it would be refused again. */
export class TargetRefusedError extends Error {}

export const systemResolver: Resolver = async (hostname) => {
  const found = await lookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

const bare = (hostname: string) => hostname.replace(/^\[|\]$/g, '');

/** Checks a URL's scheme and every address its host resolves to; returns the address to connect to. */
async function checkTarget(url: URL, options: { allowPrivate: boolean; resolve: Resolver }): Promise<ResolvedAddress> {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TargetRefusedError(`Refused ${url.protocol}// URL: webhooks use http or https.`);
  if (url.username || url.password) throw new TargetRefusedError('Refused a URL with credentials in it.');
  const host = bare(url.hostname);
  const literal = isIP(host);
  let addresses: ResolvedAddress[];
  if (literal) addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  else {
    try {
      addresses = await options.resolve(host);
    } catch (err) {
      throw new Error(`Could not resolve ${host}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    if (addresses.length === 0) throw new Error(`Could not resolve ${host}: no addresses.`);
  }
  if (!options.allowPrivate) {
    // Every address, not only the first: a name with one public and one private record is refused.
    for (const a of addresses) {
      const reason = restrictedAddressReason(a.address);
      if (reason) {
        const what = literal ? a.address : `${host} (${a.address})`;
        throw new TargetRefusedError(`Refused ${what}: ${reason}. Private targets are off in the webhook settings.`);
      }
    }
  }
  return addresses[0] as ResolvedAddress;
}

/** node:http(s) to the checked address; Host and the TLS server name stay the URL's own. */
export const httpSender: Sender = (hop, request) =>
  new Promise((resolve, reject) => {
    const secure = hop.url.protocol === 'https:';
    const hostname = bare(hop.url.hostname);
    const req = (secure ? https : http).request(
      {
        host: hop.address,
        family: hop.family,
        port: hop.url.port ? Number(hop.url.port) : secure ? 443 : 80,
        path: `${hop.url.pathname}${hop.url.search}`,
        method: 'POST',
        headers: { ...request.headers, host: hop.url.host, 'content-length': String(Buffer.byteLength(request.body)) },
        // A fresh connection: a pooled socket could have been opened to an earlier address.
        agent: false,
        signal: request.signal,
        ...(secure && !isIP(hostname) ? { servername: hostname } : {}),
      },
      (res) => {
        let snippet = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (snippet.length < 300) snippet += chunk.slice(0, 300 - snippet.length);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, location: typeof res.headers.location === 'string' ? res.headers.location : null, bodySnippet: snippet }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(request.body);
  });

export type PostOptions = { allowPrivate: boolean; resolve?: Resolver; send?: Sender; timeoutMs?: number };
export type PostResult = { status: number; url: string; redirects: number; bodySnippet: string };

/** POSTs `body` to `target`, following redirects with the same request (at most MAX_REDIRECTS). */
export async function postFollowingRedirects(target: string, request: { headers: Record<string, string>; body: string }, options: PostOptions): Promise<PostResult> {
  const resolve = options.resolve ?? systemResolver;
  const send = options.send ?? httpSender;
  const timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`No response within ${timeoutMs / 1000} s.`)), timeoutMs);
  const deadline = new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(controller.signal.reason as Error), { once: true }));
  deadline.catch(() => {});
  try {
    let url = new URL(target);
    for (let redirects = 0; ; redirects++) {
      const address = await Promise.race([checkTarget(url, { allowPrivate: options.allowPrivate, resolve }), deadline]);
      const res = await Promise.race([send({ url, ...address }, { ...request, signal: controller.signal }), deadline]);
      if (!REDIRECTS.has(res.status) || !res.location) return { status: res.status, url: url.toString(), redirects, bodySnippet: res.bodySnippet };
      if (redirects === MAX_REDIRECTS) throw new Error(`Too many redirects (more than ${MAX_REDIRECTS}); the last went to ${new URL(res.location, url).toString()}.`);
      url = new URL(res.location, url);
    }
  } finally {
    clearTimeout(timer);
  }
}
