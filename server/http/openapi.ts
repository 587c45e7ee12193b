// The REST API's OpenAPI 3.1 document. Request bodies come from the same zod schemas the services
// validate with (zod's JSON Schema output), so the document cannot drift from what is enforced.
import { z } from 'zod';
import { listModelsSchema, registerModelSchema, versionMetadataSchema } from '@/lib/validation/catalog';

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });
const error = { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
const errors = { 400: error, 401: error, 403: error, 404: error };
const modelParam = { name: 'model', in: 'path', required: true, description: 'Model id or name', schema: { type: 'string' } };
const versionParam = { name: 'version', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };

export function openApiDocument(baseUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Modelgate API',
      version: '1',
      description: 'Register models and versions from training jobs. Authenticate with a personal API token (Settings → API tokens): `Authorization: Bearer mgt_…`.',
    },
    servers: [{ url: `${baseUrl}/api/v1` }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Personal API token' } },
      schemas: {
        Error: { type: 'object', properties: { error: { type: 'object', properties: { message: { type: 'string' }, details: {} } } } },
        RegisterModel: schema(registerModelSchema),
        VersionMetadata: schema(versionMetadataSchema),
        ListModelsQuery: schema(listModelsSchema),
      },
    },
    paths: {
      '/models': {
        get: {
          summary: 'Search the catalog',
          parameters: ['q', 'ownerTeam', 'taskType', 'riskTier', 'alias', 'tag', 'sort', 'direction', 'page', 'pageSize'].map((name) => ({ name, in: 'query', schema: { type: 'string' } })),
          responses: { 200: { description: 'A page of models' }, ...errors },
        },
        post: {
          summary: 'Register a model',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/RegisterModel' } } } },
          responses: { 201: { description: 'Registered' }, 409: error, ...errors },
        },
      },
      '/models/{model}': { get: { summary: 'A model with its versions, aliases and alias history', parameters: [modelParam], responses: { 200: { description: 'The model' }, ...errors } } },
      '/models/{model}/versions': {
        post: {
          summary: 'Register a new version (TF.js model.json + weight shards)',
          parameters: [modelParam],
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  required: ['files'],
                  properties: {
                    files: { type: 'array', items: { type: 'string', format: 'binary' }, description: 'model.json and every weight shard it lists, nothing else' },
                    metadata: { $ref: '#/components/schemas/VersionMetadata', description: 'JSON text' },
                    referenceDataset: { type: 'string', format: 'binary', description: 'CSV with the input features and the target column' },
                  },
                },
              },
            },
          },
          responses: { 201: { description: 'Version created' }, 413: error, ...errors },
        },
      },
      '/models/{model}/versions/{version}': { get: { summary: 'A version with files, schema, metrics, lineage and model card', parameters: [modelParam, versionParam], responses: { 200: { description: 'The version' }, ...errors } } },
      '/models/{model}/versions/{version}/files/{file}': {
        get: {
          summary: 'Download an artifact file',
          parameters: [modelParam, versionParam, { name: 'file', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'The bytes', content: { 'application/octet-stream': {} } }, ...errors },
        },
      },
      '/models/{model}/versions/{version}/reference-dataset': {
        get: { summary: 'Download the reference dataset (CSV)', parameters: [modelParam, versionParam], responses: { 200: { description: 'CSV' }, ...errors } },
        post: {
          summary: 'Attach or replace the reference dataset',
          parameters: [modelParam, versionParam],
          requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties: { referenceDataset: { type: 'string', format: 'binary' } } } } } },
          responses: { 201: { description: 'Attached' }, 413: error, ...errors },
        },
      },
      '/datasets/{id}': {
        get: {
          summary: 'Download a stored dataset (CSV) by id, e.g. another version’s reference dataset',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: { 200: { description: 'CSV', content: { 'text/csv': {} } }, ...errors },
        },
      },
    },
  };
}
