import { ValidationError } from '@/server/errors';
import { apiContext } from '@/server/http/api-context';
import { readUpload } from '@/server/http/multipart';
import { apiRoute } from '@/server/http/route';
import { attachReferenceDataset } from '@/server/services/catalog/attach-reference-dataset';
import { openReferenceDataset } from '@/server/services/catalog/download';
import { resolveModel } from '@/server/services/catalog/get-model';

export const dynamic = 'force-dynamic';

type Params = { model: string; version: string };

export const GET = apiRoute<Params>(async (req, { model, version }) => {
  const ctx = await apiContext(req, 'dataset.read');
  const found = await openReferenceDataset({ ctx, input: { modelId: model, version: Number(version) } });
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

/** Attaches a reference dataset: multipart with one `referenceDataset` CSV part. A version with no input schema gets one inferred from it, and one with no preprocessing spec one derived from it. */
export const POST = apiRoute<Params>(async (req, { model: ref, version }) => {
  const ctx = await apiContext(req, 'version.update');
  const model = await resolveModel(ctx.db, ref);
  const { referenceDataset } = await readUpload(req);
  if (!referenceDataset) throw new ValidationError('Send the CSV as a “referenceDataset” part.');
  const stored = await attachReferenceDataset({ ctx, input: { modelId: model.id, version: Number(version), dataset: referenceDataset } });
  return Response.json({ id: stored.id, name: stored.name, sha256: stored.sha256, rowCount: stored.rowCount, inputSchemaInferred: stored.inputSchemaInferred, preprocessingDerived: stored.preprocessingDerived }, { status: 201 });
});
