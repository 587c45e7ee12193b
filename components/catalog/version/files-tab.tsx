// The version's artifact files as stored: digest per file and a download link (always served as
// an attachment, never rendered).
import { Download } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { formatBytes } from '../format';
import type { VersionDetail } from '../types';

export function FilesTab({ v }: { v: VersionDetail }) {
  const base = `/api/v1/models/${v.model.id}/versions/${v.version}/files`;
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm text-muted-foreground">
        Content digest <code className="font-mono text-xs break-all text-foreground">{v.contentDigest}</code>: the SHA-256 over every file’s name and SHA-256, so one value pins the whole artifact.
      </p>
      <Table>
        <TableCaption>Artifact files of v{v.version}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>Role</TableHead>
            <TableHead className="text-right">Size</TableHead>
            <TableHead>SHA-256</TableHead>
            <TableHead>
              <span className="sr-only">Download</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {v.files.map((f) => (
            <TableRow key={f.name} data-testid="file-row" data-name={f.name}>
              <TableCell className="font-mono text-xs">{f.name}</TableCell>
              <TableCell>
                <Badge variant={f.role === 'model' ? 'primary' : 'neutral'}>{f.role === 'model' ? 'Model' : 'Weights'}</Badge>
              </TableCell>
              <TableCell className="text-right whitespace-nowrap tabular-nums">{formatBytes(f.size)}</TableCell>
              <TableCell className="font-mono text-xs break-all">{f.sha256}</TableCell>
              <TableCell>
                <a href={`${base}/${encodeURIComponent(f.name)}`} download className="inline-flex items-center gap-1.5 text-sm font-medium whitespace-nowrap text-primary hover:underline">
                  <Download aria-hidden className="size-4" />
                  Download<span className="sr-only"> {f.name}</span>
                </a>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
