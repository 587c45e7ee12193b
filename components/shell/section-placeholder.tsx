import { Construction } from 'lucide-react';
import { PageHeader } from './page-header';

/** A section that is planned but not built: says so plainly and what it will do. */
export function SectionPlaceholder({ title, purpose }: { title: string; purpose: string }) {
  return (
    <>
      <PageHeader title={title} />
      <div className="flex items-start gap-4 rounded-xl border border-dashed border-border bg-card/60 p-6">
        <Construction aria-hidden className="mt-0.5 size-5 shrink-0 text-muted-foreground" />
        <p className="max-w-2xl text-sm leading-6 text-muted-foreground">
          This part of Modelgate is not built yet. {purpose}
        </p>
      </div>
    </>
  );
}
