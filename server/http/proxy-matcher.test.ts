// Which addresses the proxy sees: every page, and of the machine API (/api/v1, kept off the proxy so
// uploads are not buffered) exactly the addresses whose percent-escapes do not decode, which Next.js
// would otherwise answer with its own 500. Compiled the way Next.js compiles the matcher, and
// checked against decodeURIComponent, the independent judge of "decodes".
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { config } from '@/proxy';

type Matcher = { regexp: string };
const require = createRequire(import.meta.url);
const { getMiddlewareMatchers } = require('next/dist/build/analysis/get-page-static-info.js') as {
  getMiddlewareMatchers: (m: unknown, c: { basePath: string; i18n: null }) => Matcher[];
};
const matchers = getMiddlewareMatchers(config.matcher, { basePath: '', i18n: null }).map((m) => new RegExp(m.regexp));
const proxied = (path: string) => matchers.some((m) => m.test(path));
const decodes = (s: string) => {
  try {
    decodeURIComponent(s);
    return true;
  } catch {
    return false;
  }
};

describe('the proxy matcher', () => {
  it('covers pages and leaves static files and well-formed machine API addresses alone', () => {
    for (const p of ['/', '/models', '/models/%E0%A4%A', '/api/trpc/models.list', '/api/auth/session', '/sign-in']) expect(proxied(p), p).toBe(true);
    for (const p of ['/_next/static/chunks/a.js', '/api/v1/events', '/api/v1/models/Credit%20default%20risk/versions/1/files', '/api/v1/models/%25', '/api/v1/models/%C3%A9t%C3%A9', '/api/v1/models/%F0%9F%98%80', '/api/v1/models/a%2Fb'])
      expect(proxied(p), p).toBe(false);
  });

  it('sends the machine API addresses that do not decode to the proxy (known 500s from Next.js)', () => {
    for (const p of ['/api/v1/models/%E0%A4%A', '/api/v1/models/%', '/api/v1/models/%25%', '/api/v1/models/%FF', '/api/v1/models/%C0%80', '/api/v1/models/%ED%A0%80', '/api/v1/models/%F4%90%80%80', '/api/v1/models/x/versions/1/files/%E0%A4'])
      expect(proxied(p), p).toBe(true);
  });

  it('agrees with decodeURIComponent on random escape sequences', () => {
    const random = seedrandom('proxy-matcher');
    const hex = '0123456789ABCDEFabf';
    const pick = (s: string) => s[Math.floor(random() * s.length)] as string;
    let disagreements = 0;
    for (let i = 0; i < 50_000; i++) {
      let tail = '';
      for (let j = 1 + Math.floor(random() * 5); j > 0; j--) {
        const r = random();
        tail += r < 0.15 ? 'x' : r < 0.2 ? '%' : r < 0.25 ? `%${pick(hex)}` : `%${pick('0123456789ABCDEFabcdef')}${pick(hex)}`;
      }
      if (proxied(`/api/v1/models/${tail}`) === decodes(tail)) disagreements++;
    }
    expect(disagreements).toBe(0);
  });
});
