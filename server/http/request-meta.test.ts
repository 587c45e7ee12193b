import { describe, expect, it } from 'vitest';
import { clientIp } from './request-meta';

describe('client address', () => {
  it('takes the address appended by the outermost trusted proxy, not what the client wrote', () => {
    expect(clientIp('203.0.113.9', 0)).toBe('203.0.113.9');
    // The client sent "1.2.3.4"; our single proxy appended the address it really saw.
    expect(clientIp('1.2.3.4, 198.51.100.20', 0)).toBe('198.51.100.20');
    // Two proxies (CDN then load balancer): the CDN's entry names the client.
    expect(clientIp('1.2.3.4, 198.51.100.20, 10.0.0.5', 1)).toBe('198.51.100.20');
    expect(clientIp(null, 0)).toBeNull();
    expect(clientIp('198.51.100.20', 3)).toBe('198.51.100.20');
  });
});
