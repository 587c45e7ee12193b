import { z } from 'zod';
import { compareVersionsSchema, listModelsSchema, registerModelSchema, setAliasSchema, updateModelSchema, updateVersionMetadataSchema } from '@/lib/validation/catalog';
import { getModel } from '@/server/services/catalog/get-model';
import { compareVersions, getVersion } from '@/server/services/catalog/get-version';
import { listDatasets, listDatasetsSchema } from '@/server/services/catalog/list-datasets';
import { catalogFacets, listModels } from '@/server/services/catalog/list-models';
import { registerModel } from '@/server/services/catalog/register-model';
import { setAlias } from '@/server/services/catalog/set-alias';
import { updateModel } from '@/server/services/catalog/update-model';
import { updateVersionMetadata } from '@/server/services/catalog/update-version-metadata';
import { capabilityProcedure, createRouter } from '../init';

// Uploads (files) go through the REST endpoints in app/api/v1, which call the same service verbs.
const reader = capabilityProcedure('catalog.read');

export const catalogRouter = createRouter({
  list: reader.input(listModelsSchema).query(({ ctx, input }) => listModels({ ctx, input })),
  facets: reader.query(({ ctx }) => catalogFacets({ ctx, input: undefined })),
  model: reader.input(z.object({ modelId: z.string().min(1).max(200) })).query(({ ctx, input }) => getModel({ ctx, input })),
  version: reader
    .input(z.object({ modelId: z.string().min(1).max(200), version: z.number().int().positive() }))
    .query(({ ctx, input }) => getVersion({ ctx, input })),
  compare: reader.input(compareVersionsSchema).query(({ ctx, input }) => compareVersions({ ctx, input })),
  datasets: capabilityProcedure('dataset.read').input(listDatasetsSchema).query(({ ctx, input }) => listDatasets({ ctx, input })),
  register: capabilityProcedure('model.register').input(registerModelSchema).mutation(({ ctx, input }) => registerModel({ ctx, input })),
  update: capabilityProcedure('model.update').input(updateModelSchema).mutation(({ ctx, input }) => updateModel({ ctx, input })),
  updateVersion: capabilityProcedure('version.update').input(updateVersionMetadataSchema).mutation(({ ctx, input }) => updateVersionMetadata({ ctx, input })),
  setAlias: capabilityProcedure('alias.move').input(setAliasSchema).mutation(({ ctx, input }) => setAlias({ ctx, input })),
});
