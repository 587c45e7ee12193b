// Any dataset stored on the server, by id, as CSV: what the browser's evaluator streams when a
// version is evaluated on another dataset than its own reference one. It re-checks the SHA-256 itself.
import { apiContext } from '@/server/http/api-context';
import { apiRoute } from '@/server/http/route';
import { openDataset } from '@/server/services/catalog/download';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<{ id: string }>(async (req, { id }) => {
  const ctx = await apiContext(req, 'dataset.read');
  const found = await openDataset({ ctx, input: { datasetId: id } });
  return new Response(found.stream, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-length': String(found.size),
      'content-disposition': `attachment; filename="${found.name.replace(/[^\w.-]/g, '_')}"`,
      'x-content-type-options': 'nosniff',
      etag: `"${found.sha256}"`,
    },
  });
});
