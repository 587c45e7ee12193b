import { describe, expect, it } from 'vitest';
import { crossSiteRefusal } from './same-origin';

const post = (headers: Record<string, string>) =>
  new Request('http://localhost:3000/api/trpc/users.create', { method: 'POST', headers: { host: 'localhost:3000', ...headers } });

describe('cross-site mutation refusal', () => {
  it('accepts a same-origin JSON request', () => {
    expect(crossSiteRefusal(post({ origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' }))).toBeNull();
  });
  it('refuses another site, by Sec-Fetch-Site or by Origin', () => {
    expect(crossSiteRefusal(post({ 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' }))).toMatch(/Cross-site/);
    expect(crossSiteRefusal(post({ origin: 'https://evil.example', 'content-type': 'application/json' }))).toMatch(/does not match/);
  });
  it('refuses a form-encoded post that a foreign page could send without preflight', () => {
    expect(crossSiteRefusal(post({ 'content-type': 'application/x-www-form-urlencoded' }))).toMatch(/application\/json/);
  });
  it('lets reads through', () => {
    expect(crossSiteRefusal(new Request('http://localhost:3000/api/trpc/me.get', { headers: { 'sec-fetch-site': 'cross-site' } }))).toBeNull();
  });
});
