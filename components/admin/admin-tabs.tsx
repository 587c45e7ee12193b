'use client';
// Links between the admin pages, drawn as tabs; the current page is marked for assistive technology.
import { clsx } from 'clsx';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

const ADMIN_PAGES = [
  { href: '/admin', label: 'People and roles' },
  { href: '/admin/policies', label: 'Release policies' },
  { href: '/admin/webhooks', label: 'Webhooks' },
] as const;

export function AdminTabs() {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin" className="-mx-1 mb-6 flex gap-1 overflow-x-auto border-b border-border px-1">
      {ADMIN_PAGES.map((page) => {
        const current = pathname === page.href;
        return (
          <Link
            key={page.href}
            href={page.href}
            aria-current={current ? 'page' : undefined}
            className={clsx(
              '-mb-px border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap transition-colors',
              current ? 'border-primary text-foreground' : 'border-transparent text-muted-foreground hover:text-foreground',
            )}
          >
            {page.label}
          </Link>
        );
      })}
    </nav>
  );
}
