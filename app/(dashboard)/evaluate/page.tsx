import type { Metadata } from 'next';
import { NoAccess } from '@/components/shell/no-access';
import { SectionPlaceholder } from '@/components/shell/section-placeholder';
import { sectionAccess } from '@/components/shell/session';

export const metadata: Metadata = { title: 'Evaluate' };

export default async function EvaluatePage() {
  const { allowed } = await sectionAccess('/evaluate');
  if (!allowed) return <NoAccess href="/evaluate" />;
  return (
    <SectionPlaceholder
      title="Evaluate"
      purpose="It will run a model version against a dataset you choose and compare the results with earlier evaluations."
    />
  );
}
