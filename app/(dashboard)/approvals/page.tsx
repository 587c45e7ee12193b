import type { Metadata } from 'next';
import { NoAccess } from '@/components/shell/no-access';
import { SectionPlaceholder } from '@/components/shell/section-placeholder';
import { sectionAccess } from '@/components/shell/session';

export const metadata: Metadata = { title: 'Approvals' };

export default async function ApprovalsPage() {
  const { allowed } = await sectionAccess('/approvals');
  if (!allowed) return <NoAccess href="/approvals" />;
  return (
    <SectionPlaceholder
      title="Approvals"
      purpose="It will hold release requests and their reviews, and record the electronically signed decisions that let a model version reach production."
    />
  );
}
