// The known open-redirect bypasses (OWASP's unvalidated-redirects cheat sheet, PortSwigger's URL
// validation bypass list) are refused; plain paths on this site are kept.
import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from './safe-redirect';

const ORIGIN = 'https://modelgate.example';

const bypasses = [
  '//evil.example',
  '///evil.example',
  '////evil.example/',
  '/\\evil.example',
  '\\\\evil.example',
  '\\/evil.example',
  '/\\/evil.example',
  '/%09/evil.example/phish',
  '/\t/evil.example/phish',
  '\t//evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '/%0a/evil.example',
  '/%0D%0A/evil.example',
  '/%2F/evil.example',
  '/%2f%2fevil.example',
  '%2F%2Fevil.example',
  '%2f%2fevil.example',
  '/%5Cevil.example',
  '/%5cevil.example',
  '%5C%5Cevil.example',
  '/%252F/evil.example',
  '/%25252F/evil.example',
  '/%E0%A4%A',
  '/%',
  ' //evil.example',
  '/ /evil.example',
  '/\u00a0/evil.example',
  '/\u3000/evil.example',
  '/\u2028/evil.example',
  '/\u0000/evil.example',
  'https://evil.example',
  'HTTPS://evil.example',
  'hTtP://evil.example/',
  'https:evil.example',
  'https:/evil.example',
  'https:\\\\evil.example',
  '//evil.example@modelgate.example',
  'https://modelgate.example@evil.example/',
  'https://modelgate.example.evil.example/',
  `${ORIGIN}//evil.example`,
  `${ORIGIN}/\\evil.example`,
  'javascript:alert(1)',
  'JavaScript:alert(1)',
  'java%0ascript:alert(1)',
  '/javascript:alert(1)'.slice(1),
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'evil.example',
  '.evil.example',
  '@evil.example',
  '',
];

describe('safeRedirectPath', () => {
  it.each(bypasses)('refuses %j', (target) => {
    expect(safeRedirectPath(target, ORIGIN)).toBeNull();
    expect(safeRedirectPath(target)).toBeNull();
  });

  it('keeps paths on this site, with their query and fragment', () => {
    expect(safeRedirectPath('/')).toBe('/');
    expect(safeRedirectPath('/models')).toBe('/models');
    expect(safeRedirectPath('/models/iris%20species?tab=versions#v2')).toBe('/models/iris%20species?tab=versions#v2');
    expect(safeRedirectPath('/approvals?status=pending&page=2')).toBe('/approvals?status=pending&page=2');
  });

  it('keeps absolute URLs on this very origin as their path', () => {
    expect(safeRedirectPath(`${ORIGIN}/audit?entity=model`, ORIGIN)).toBe('/audit?entity=model');
    expect(safeRedirectPath('HTTPS://MODELGATE.EXAMPLE/audit', ORIGIN)).toBe('/audit');
  });

  it('refuses non-strings and absurd lengths', () => {
    expect(safeRedirectPath(undefined)).toBeNull();
    expect(safeRedirectPath(['/models'])).toBeNull();
    expect(safeRedirectPath(`/${'a'.repeat(5000)}`)).toBeNull();
  });

  it('normalises dot segments without leaving the site', () => {
    expect(safeRedirectPath('/models/../audit')).toBe('/audit');
    expect(safeRedirectPath('/../../evil.example')).toBe('/evil.example');
  });
});
