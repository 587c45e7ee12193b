import { randomUUID } from 'node:crypto';
import { env } from '@/server/env';
import type { RequestMeta } from '@/server/services/context';

type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | null {
  if (typeof (headers as { get?: unknown }).get === 'function') return (headers as { get(n: string): string | null }).get(name);
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

/**
 * The client's address. Each proxy appends the address it saw, so the trustworthy entry is the
 * one written by our outermost trusted proxy: TRUSTED_PROXY_HOPS from the right. Entries further
 * left were supplied by the client and could be anything.
 */
export function clientIp(forwardedFor: string | null, trustedHops: number): string | null {
  const chain = (forwardedFor ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return chain[Math.max(0, chain.length - 1 - trustedHops)] ?? null;
}

/** Who is asking, from where: recorded on every audit row. */
export function requestMeta(headers: HeaderSource): RequestMeta {
  return {
    requestId: header(headers, 'x-request-id') ?? randomUUID(),
    ip: clientIp(header(headers, 'x-forwarded-for'), env.TRUSTED_PROXY_HOPS) ?? header(headers, 'x-real-ip') ?? null,
    userAgent: header(headers, 'user-agent')?.slice(0, 512) ?? null,
  };
}
