// User-written Markdown (model cards) as static HTML for printable exports, with the same rules as
// the on-screen Markdown component: GitHub-flavoured, raw HTML dropped, links through the same URL
// filter (unsafe ones become plain text), images shown as their description, then sanitised with
// GitHub's allow-list as a second line of defence.
import type { Element, ElementContent, Root } from 'hast';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { safeUrl } from './safe-url';

/** Unsafe links lose their anchor, images become "[image: alt]", external links open without this page. */
function rehypeSafeLinks() {
  const visit = (node: Root | Element) => {
    node.children = node.children.map((child): ElementContent => {
      if (child.type !== 'element') return child as ElementContent;
      if (child.tagName === 'img') return { type: 'text', value: `[image: ${String(child.properties.alt ?? '') || 'no description'}]` };
      if (child.tagName === 'a') {
        const href = safeUrl(String(child.properties.href ?? ''));
        if (!href) return { type: 'element', tagName: 'span', properties: {}, children: child.children };
        child.properties = { href, rel: ['noopener', 'noreferrer'] };
      }
      visit(child);
      return child;
    });
  };
  return (tree: Root) => visit(tree);
}

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeSafeLinks).use(rehypeSanitize).use(rehypeStringify);

export function markdownToHtml(text: string): string {
  return String(processor.processSync(text));
}
