// An artifact file, as stored: always a download (never rendered), with its digest as ETag.
// The browser's evaluator loads models from here and re-checks the SHA-256 itself.
import { apiContext } from '@/server/http/api-context';
import { apiRoute } from '@/server/http/route';
import { openVersionFile } from '@/server/services/catalog/download';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<{ model: string; version: string; file: string }>(async (req, { model, version, file }) => {
  const ctx = await apiContext(req, 'catalog.read');
  const found = await openVersionFile({ ctx, input: { modelId: model, version: Number(version), file } });
  return new Response(found.stream, {
    headers: {
      'content-type': found.contentType,
      'content-length': String(found.size),
      'content-disposition': `attachment; filename="${found.name.replace(/[^\w.-]/g, '_')}"`,
      'x-content-type-options': 'nosniff',
      etag: `"${found.sha256}"`,
      'cache-control': 'private, max-age=31536000, immutable',
    },
  });
});
