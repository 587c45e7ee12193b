import Link from 'next/link';
import { TableHead } from '@/components/ui/table';
import { versionHref } from '../format';
import type { CompareResult } from '../types';

/** One column head per compared version; the first is the baseline the others are measured against. */
export function VersionHeads({ versions }: { versions: CompareResult['versions'] }) {
  return (
    <>
      {versions.map((v, i) => (
        <TableHead key={v.version} className="min-w-40 normal-case">
          <Link href={versionHref(v.model.id, v.version)} className="text-sm font-semibold text-primary hover:underline">
            v{v.version}
          </Link>
          {i === 0 ? <span className="ml-1.5 font-normal text-muted-foreground">(baseline)</span> : null}
        </TableHead>
      ))}
    </>
  );
}
