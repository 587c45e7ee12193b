// A remark plugin that marks @mentions in Markdown text as <span data-mention="handle">, so the
// Discussion widget can highlight them. Text inside links and code is left alone.
import type { Parent, PhrasingContent, Root, RootContent } from 'mdast';
import { splitMentions } from '@/lib/validation/comments';

// Tailwind reads these class names from this file.
const MENTION_CLASSES = ['rounded', 'bg-primary/10', 'px-0.5', 'font-medium', 'text-primary'];
const SKIP = new Set(['link', 'linkReference', 'inlineCode', 'code', 'html']);

function visit(node: Root | RootContent) {
  if (!('children' in node) || SKIP.has(node.type)) return;
  const parent = node as Parent;
  const next: RootContent[] = [];
  for (const child of parent.children) {
    if (child.type !== 'text') {
      visit(child);
      next.push(child);
      continue;
    }
    for (const part of splitMentions(child.value)) {
      if (!part.handle) {
        next.push({ type: 'text', value: part.text });
        continue;
      }
      const mention: PhrasingContent = {
        type: 'text',
        value: part.text,
        data: { hName: 'span', hProperties: { 'data-mention': part.handle, className: MENTION_CLASSES } },
      };
      next.push(mention);
    }
  }
  parent.children = next;
}

export function remarkMentions() {
  return (tree: Root) => visit(tree);
}
