// Any dataset stored on the server, by id, as CSV: what the browser's evaluator streams when a
// version is evaluated on another dataset than its own reference one. It re-checks the SHA-256 itself.
import { errorResponse } from '@/server/http/respond';
import { apiContext } from '@/server/http/api-context';
import { openDataset } from '@/server/services/catalog/download';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const ctx = await apiContext(req, 'dataset.read');
    const { id } = await params;
    const found = await openDataset({ ctx, input: { datasetId: decodeURIComponent(id) } });
    return new Response(found.stream, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-length': String(found.size),
        'content-disposition': `attachment; filename="${found.name.replace(/[^\w.-]/g, '_')}"`,
        'x-content-type-options': 'nosniff',
        etag: `"${found.sha256}"`,
      },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
