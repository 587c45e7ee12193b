import type { EvidenceFile } from '@/server/services/releases/evidence';

/** HTML opens in the browser to print unless `download` is asked for; JSON always downloads. */
export function evidenceResponse(file: EvidenceFile, download: boolean): Response {
  const inline = file.contentType.startsWith('text/html') && !download;
  return new Response(file.body, {
    headers: {
      'content-type': file.contentType,
      'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${file.filename}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
