import type { Metadata } from 'next';
import { NoAccess } from '@/components/shell/no-access';
import { SectionPlaceholder } from '@/components/shell/section-placeholder';
import { sectionAccess } from '@/components/shell/session';

export const metadata: Metadata = { title: 'Catalog' };

export default async function CatalogPage() {
  const { allowed } = await sectionAccess('/models');
  if (!allowed) return <NoAccess href="/models" />;
  return (
    <SectionPlaceholder
      title="Catalog"
      purpose="It will list every registered model with its versions, lineage, metrics and aliases, and let data scientists register new ones."
    />
  );
}
