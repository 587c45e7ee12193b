// The request's evidence package: JSON for machines and archives, HTML to print or save as PDF.
import { FileJson, Printer } from 'lucide-react';
import { buttonClasses } from '@/components/ui/button';

const evidenceHref = (requestId: string, format: 'json' | 'html') => `/api/releases/${requestId}/evidence?format=${format}`;

export function EvidenceLinks({ requestId }: { requestId: string }) {
  return (
    <>
      <a href={evidenceHref(requestId, 'json')} download data-testid="evidence-json" className={buttonClasses({ variant: 'outline', size: 'sm' })}>
        <FileJson aria-hidden />
        Evidence (JSON)
      </a>
      <a href={evidenceHref(requestId, 'html')} target="_blank" rel="noopener" data-testid="evidence-html" className={buttonClasses({ variant: 'outline', size: 'sm' })}>
        <Printer aria-hidden />
        Printable evidence
      </a>
    </>
  );
}
