import { apiContext } from '@/server/http/api-context';
import { readUpload } from '@/server/http/multipart';
import { apiRoute } from '@/server/http/route';
import { createVersion } from '@/server/services/catalog/create-version';
import { resolveModel } from '@/server/services/catalog/get-model';

export const dynamic = 'force-dynamic';

/** Registers a new version: multipart with `files` (model.json + shards), `metadata` (JSON) and an optional `referenceDataset` (CSV). */
export const POST = apiRoute<{ model: string }>(async (req, { model: ref }) => {
  const ctx = await apiContext(req, 'version.create');
  const model = await resolveModel(ctx.db, ref);
  const upload = await readUpload(req);
  const version = await createVersion({ ctx, input: { modelId: model.id, ...upload } });
  return Response.json(
    { model: model.name, version: version.version, contentDigest: version.contentDigest, files: version.files, url: `/models/${model.id}/versions/${version.version}` },
    { status: 201 },
  );
});
