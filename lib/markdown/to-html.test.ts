// Model cards in printable exports: Markdown becomes HTML, and nothing a card's author writes can
// run script or smuggle a dangerous link into the auditor's browser.
import { describe, expect, it } from 'vitest';
import { markdownToHtml } from './to-html';

describe('markdownToHtml', () => {
  it('renders GitHub-flavoured Markdown', () => {
    const html = markdownToHtml('## Intended use\n\n- **Scoring** loan applications\n- not for *pricing*\n\n| metric | value |\n|---|---|\n| AUC | 0.81 |\n');
    expect(html).toContain('<h2>Intended use</h2>');
    expect(html).toContain('<li><strong>Scoring</strong> loan applications</li>');
    expect(html).toContain('<em>pricing</em>');
    expect(html).toMatch(/<table>[\s\S]*<td>AUC<\/td>[\s\S]*<td>0.81<\/td>/);
    expect(html).not.toContain('##');
  });

  it('drops raw HTML and event handlers', () => {
    const html = markdownToHtml('Hello <script>alert(1)</script> <img src=x onerror="alert(2)"> <b onclick="x()">bold</b>\n\n<iframe src="https://evil.example"></iframe>');
    expect(html).not.toMatch(/<script|<iframe|onerror|onclick|<b /i);
    expect(html).toContain('Hello');
  });

  it('keeps safe links, turns unsafe ones into text and images into their description', () => {
    const html = markdownToHtml('[docs](https://example.com/card) [bad](javascript:alert(1)) [tab](java\tscript:alert(1)) ![ROC curve](https://example.com/roc.png)');
    expect(html).toContain('<a href="https://example.com/card"');
    expect(html).not.toMatch(/href="[^"]*script/i);
    expect(html).toContain('<span>bad</span>');
    expect(html).toContain('[image: ROC curve]');
    expect(html).not.toContain('<img');
  });
});
