// Download of the filtered audit trail as CSV or JSON (a file download, so a plain GET, not tRPC).
import { apiContext } from '@/server/http/api-context';
import { apiRoute } from '@/server/http/route';
import { exportAuditEvents } from '@/server/services/audit/export-audit-events';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(async (req) => {
  const ctx = await apiContext(req, 'audit.read');
  const params = Object.fromEntries([...new URL(req.url).searchParams].filter(([, v]) => v !== ''));
  const file = await exportAuditEvents({ ctx, input: params });
  return new Response(file.body, {
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.filename}"`,
      'cache-control': 'no-store',
    },
  });
});
