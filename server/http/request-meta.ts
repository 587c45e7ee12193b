import { randomUUID } from 'node:crypto';
import type { RequestMeta } from '@/server/services/context';

type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | null {
  if (typeof (headers as { get?: unknown }).get === 'function') return (headers as { get(n: string): string | null }).get(name);
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

/** Who is asking, from where: recorded on every audit row. */
export function requestMeta(headers: HeaderSource): RequestMeta {
  const forwarded = header(headers, 'x-forwarded-for')?.split(',')[0]?.trim();
  return {
    requestId: header(headers, 'x-request-id') ?? randomUUID(),
    ip: forwarded || header(headers, 'x-real-ip') || null,
    userAgent: header(headers, 'user-agent')?.slice(0, 512) ?? null,
  };
}
