import { z } from 'zod';
import { compareVersionsSchema, listModelsSchema, registerModelSchema, setAliasSchema, updateModelSchema, updateVersionMetadataSchema } from '@/lib/validation/catalog';
import { CATALOG_WRITERS, DATASET_READERS } from '@/server/services/catalog/access';
import { getModel } from '@/server/services/catalog/get-model';
import { compareVersions, getVersion } from '@/server/services/catalog/get-version';
import { listDatasets, listDatasetsSchema } from '@/server/services/catalog/list-datasets';
import { catalogFacets, listModels } from '@/server/services/catalog/list-models';
import { registerModel } from '@/server/services/catalog/register-model';
import { setAlias } from '@/server/services/catalog/set-alias';
import { updateModel } from '@/server/services/catalog/update-model';
import { updateVersionMetadata } from '@/server/services/catalog/update-version-metadata';
import { createRouter, protectedProcedure, roleProcedure } from '../init';

// Uploads (files) go through the REST endpoints in app/api/v1, which call the same service verbs.
const writer = roleProcedure(...CATALOG_WRITERS);

export const catalogRouter = createRouter({
  list: protectedProcedure.input(listModelsSchema).query(({ ctx, input }) => listModels({ ctx, input })),
  facets: protectedProcedure.query(({ ctx }) => catalogFacets({ ctx, input: undefined })),
  model: protectedProcedure.input(z.object({ modelId: z.string().min(1).max(200) })).query(({ ctx, input }) => getModel({ ctx, input })),
  version: protectedProcedure
    .input(z.object({ modelId: z.string().min(1).max(200), version: z.number().int().positive() }))
    .query(({ ctx, input }) => getVersion({ ctx, input })),
  compare: protectedProcedure.input(compareVersionsSchema).query(({ ctx, input }) => compareVersions({ ctx, input })),
  datasets: roleProcedure(...DATASET_READERS).input(listDatasetsSchema).query(({ ctx, input }) => listDatasets({ ctx, input })),
  register: writer.input(registerModelSchema).mutation(({ ctx, input }) => registerModel({ ctx, input })),
  update: writer.input(updateModelSchema).mutation(({ ctx, input }) => updateModel({ ctx, input })),
  updateVersion: writer.input(updateVersionMetadataSchema).mutation(({ ctx, input }) => updateVersionMetadata({ ctx, input })),
  setAlias: writer.input(setAliasSchema).mutation(({ ctx, input }) => setAlias({ ctx, input })),
});
