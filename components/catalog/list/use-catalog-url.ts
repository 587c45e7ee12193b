'use client';
// Reads the catalog state from the URL and changes it in a transition, so the current rows stay
// on screen (dimmed) while the next page or filter loads instead of flashing a skeleton.
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useTransition } from 'react';
import { catalogSearch, parseCatalogParams, type CatalogUrlState } from './catalog-params';

export function useCatalogUrl() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const query = parseCatalogParams(searchParams);
  const [pending, startTransition] = useTransition();

  function navigate(next: Partial<CatalogUrlState>, { push = false } = {}) {
    const search = catalogSearch(next);
    const href = search ? `${pathname}?${search}` : pathname;
    startTransition(() => (push ? router.push(href, { scroll: false }) : router.replace(href, { scroll: false })));
  }

  /** Applies a filter change and goes back to page 1, where the new results start. */
  function setFilters(changes: Partial<CatalogUrlState>) {
    navigate({ ...query, ...changes, page: 1 });
  }

  return { query, navigate, setFilters, pending };
}
