// Renders user-written Markdown (descriptions, model cards, comments) safely: raw HTML is dropped,
// never rendered; the URL filter (lib/markdown/safe-url.ts) empties javascript: and any other
// non-http(s)/mailto link; external links open in a new tab without handing it this page
// (noopener noreferrer). With `mentions`, @handles are highlighted.
import { clsx } from 'clsx';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { remarkMentions } from '@/lib/markdown/remark-mentions';
import { safeUrl } from '@/lib/markdown/safe-url';

const COMPONENTS: Components = {
  // The URL filter empties unsafe hrefs; such a link is shown as its text, not as a dead link.
  a: ({ node: _node, href, children, ...props }) =>
    href ? (
      <a href={href} target="_blank" rel="noopener noreferrer" className="font-medium text-primary underline-offset-2 hover:underline" {...props}>
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
  // Headings inside user text sit below the page's own h1/h2.
  h1: ({ node: _node, ...props }) => <h3 className="mt-4 mb-2 text-base font-semibold first:mt-0" {...props} />,
  h2: ({ node: _node, ...props }) => <h4 className="mt-4 mb-2 text-sm font-semibold first:mt-0" {...props} />,
  h3: ({ node: _node, ...props }) => <h5 className="mt-3 mb-1.5 text-sm font-semibold first:mt-0" {...props} />,
  img: ({ node: _node, alt }) => <span className="text-muted-foreground">[image: {alt || 'no description'}]</span>,
  table: ({ node: _node, ...props }) => (
    <div className="my-3 overflow-x-auto">
      <table className="w-full border-collapse text-sm" {...props} />
    </div>
  ),
  th: ({ node: _node, ...props }) => <th className="border border-border bg-muted/50 px-2 py-1 text-left font-medium" {...props} />,
  td: ({ node: _node, ...props }) => <td className="border border-border px-2 py-1" {...props} />,
};

const PLAIN = [remarkGfm];
const WITH_MENTIONS = [remarkGfm, remarkMentions];

type MarkdownProps = { children: string | null | undefined; className?: string; empty?: string; mentions?: boolean };

export function Markdown({ children, className, empty = 'Nothing written yet.', mentions = false }: MarkdownProps) {
  if (!children?.trim()) return <p className={clsx('text-sm text-muted-foreground italic', className)}>{empty}</p>;
  return (
    <div
      className={clsx(
        'text-sm leading-6 text-foreground/90 [overflow-wrap:anywhere]',
        '[&_p]:my-2 [&_p:first-child]:mt-0 [&_p:last-child]:mb-0',
        '[&_ul]:my-2 [&_ul]:list-disc [&_ul]:pl-5 [&_ol]:my-2 [&_ol]:list-decimal [&_ol]:pl-5 [&_li]:my-0.5',
        '[&_blockquote]:my-2 [&_blockquote]:border-l-2 [&_blockquote]:border-border [&_blockquote]:pl-3 [&_blockquote]:text-muted-foreground',
        '[&_code]:rounded [&_code]:bg-muted [&_code]:px-1 [&_code]:py-0.5 [&_code]:font-mono [&_code]:text-[0.85em]',
        '[&_pre]:my-2 [&_pre]:overflow-x-auto [&_pre]:rounded-md [&_pre]:bg-muted [&_pre]:p-3 [&_pre_code]:bg-transparent [&_pre_code]:p-0',
        '[&_hr]:my-4 [&_hr]:border-border',
        className,
      )}
    >
      <ReactMarkdown remarkPlugins={mentions ? WITH_MENTIONS : PLAIN} skipHtml urlTransform={safeUrl} components={COMPONENTS}>
        {children}
      </ReactMarkdown>
    </div>
  );
}
