import type { Metadata } from 'next';
import { NoAccess } from '@/components/shell/no-access';
import { SectionPlaceholder } from '@/components/shell/section-placeholder';
import { sectionAccess } from '@/components/shell/session';

export const metadata: Metadata = { title: 'Monitoring' };

export default async function MonitoringPage() {
  const { allowed } = await sectionAccess('/monitoring');
  if (!allowed) return <NoAccess href="/monitoring" />;
  return (
    <SectionPlaceholder
      title="Monitoring"
      purpose="It will show each deployed model’s prediction traffic, drift reports by window, and the alerts that ops acknowledge and resolve."
    />
  );
}
