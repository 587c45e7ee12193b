'use client';
// Downloads of the trail with the filters currently in the URL; the server records each export.
import { Download } from 'lucide-react';
import { useSearchParams } from 'next/navigation';
import { buttonClasses } from '@/components/ui/button';
import { auditExportHref, parseAuditFilters } from '@/lib/audit-filters';

export function ExportLinks() {
  const filters = parseAuditFilters(useSearchParams());
  return (
    <>
      <a href={auditExportHref('csv', filters)} download data-testid="audit-export-csv" className={buttonClasses({ variant: 'outline' })}>
        <Download aria-hidden />
        Export CSV
      </a>
      <a href={auditExportHref('json', filters)} download data-testid="audit-export-json" className={buttonClasses({ variant: 'outline' })}>
        <Download aria-hidden />
        Export JSON
      </a>
    </>
  );
}
