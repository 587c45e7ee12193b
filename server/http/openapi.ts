// The REST API's OpenAPI 3.1 document. Request bodies come from the same zod schemas the services
// validate with (zod's JSON Schema output), so the document cannot drift from what is enforced.
import { z } from 'zod';
import { listModelsSchema, registerModelSchema, versionMetadataSchema } from '@/lib/validation/catalog';

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });
const error = { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
const unavailable = { ...error, description: 'The database is unavailable for now; nothing was changed; see Retry-After' };
/** What every operation can answer besides its successes (404 where an id or name is not found). */
const errors = { 400: error, 401: error, 403: error, 404: error, 503: unavailable };
const modelParam = { name: 'model', in: 'path', required: true, description: 'Model id or name', schema: { type: 'string' } };
const versionParam = { name: 'version', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };

export function openApiDocument(baseUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Modelgate API',
      version: '1',
      description: 'Register models and versions from training jobs with a personal API token (Settings → API tokens): `Authorization: Bearer mgt_…`. Send prediction events and labels from serving code with a deployment’s ingestion key: `Authorization: Bearer mgi_…`.',
    },
    servers: [{ url: `${baseUrl}/api/v1` }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Personal API token' },
        ingestionKey: { type: 'http', scheme: 'bearer', description: 'A deployment’s ingestion key (mgi_…), created on its monitoring page' },
      },
      schemas: {
        Error: { type: 'object', properties: { error: { type: 'object', properties: { message: { type: 'string' }, details: {} } } } },
        RegisterModel: schema(registerModelSchema),
        VersionMetadata: schema(versionMetadataSchema),
        ListModelsQuery: schema(listModelsSchema),
        AttachedDataset: {
          type: 'object',
          required: ['id', 'name', 'sha256', 'rowCount', 'inputSchemaInferred', 'preprocessingDerived'],
          properties: {
            id: { type: 'string', format: 'uuid' },
            name: { type: 'string' },
            sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
            rowCount: { type: 'integer', minimum: 0 },
            inputSchemaInferred: { type: 'boolean', description: 'True when the version had no input schema and one was inferred from the dataset (review and edit it before submission)' },
            preprocessingDerived: {
              type: 'boolean',
              description: 'True when the version had no preprocessing spec and one was derived from the dataset’s profile (z-scores, one-hot); it is marked derived until someone saves it',
            },
          },
        },
        EventBatch: {
          type: 'object',
          required: ['events'],
          properties: {
            events: {
              type: 'array',
              minItems: 1,
              maxItems: 1000,
              items: {
                type: 'object',
                required: ['event_id', 'timestamp', 'features', 'prediction'],
                properties: {
                  event_id: { type: 'string', minLength: 1, maxLength: 128 },
                  timestamp: { type: 'string', format: 'date-time', description: 'ISO 8601, or epoch milliseconds' },
                  features: { type: 'object', additionalProperties: { type: ['number', 'string', 'null'] } },
                  prediction: { type: ['string', 'number'], description: 'A class label (or its index), or the regression value' },
                  probabilities: { oneOf: [{ type: 'array', items: { type: 'number' } }, { type: 'number' }], description: 'One per class label, or the positive-class probability of a binary model' },
                  latency_ms: { type: 'number', minimum: 0 },
                  model_version: { type: 'integer', minimum: 1, description: 'Attribute to this version instead of the alias holder' },
                },
              },
            },
          },
        },
        IngestResult: {
          type: 'object',
          properties: {
            accepted: { type: 'integer' },
            duplicates: { type: 'integer' },
            rejected: { type: 'array', items: { type: 'object', properties: { index: { type: 'integer' }, event_id: {}, reasons: { type: 'array', items: { type: 'string' } } } } },
            conflicts: { type: 'array', items: { type: 'object', properties: { index: { type: 'integer' }, event_id: { type: 'string' }, reason: { type: 'string' } } } },
          },
        },
      },
    },
    paths: {
      '/openapi.json': { get: { summary: 'This document', security: [], responses: { 200: { description: 'The OpenAPI 3.1 document' }, 400: error } } },
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
          responses: {
            201: { description: 'Attached: the stored dataset, whether the version had no input schema and got one inferred from the CSV’s columns, and whether it had no preprocessing spec and got one derived from the CSV’s profile', content: { 'application/json': { schema: { $ref: '#/components/schemas/AttachedDataset' } } } },
            413: error,
            ...errors,
          },
        },
      },
      '/events': {
        post: {
          summary: 'Send prediction events of a deployment (ingestion key)',
          description:
            'Authenticate with the deployment’s ingestion key: `Authorization: Bearer mgi_…`. Each event is checked against the input schema of the version its deployment’s alias held at the event’s time (or `model_version`). Valid events are stored and refused ones listed with every reason; replaying a batch stores nothing twice (idempotent by event_id); the same event_id with other content is a conflict. 2xx only after the events are committed.',
          security: [{ ingestionKey: [] }],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/EventBatch' } } } },
          responses: {
            200: { description: 'Counts of accepted and duplicate events, and each refused or conflicting event with its reasons', content: { 'application/json': { schema: { $ref: '#/components/schemas/IngestResult' } } } },
            400: error,
            401: error,
            403: error,
            413: { ...error, description: 'Over the batch size or body size limit' },
            429: { ...error, description: 'Over the key’s event rate; see Retry-After' },
            503: { ...unavailable, description: 'Database unavailable or instance busy; nothing stored; see Retry-After' },
          },
        },
      },
      '/labels': {
        post: {
          summary: 'Attach ground-truth labels to earlier events by event_id (ingestion key)',
          security: [{ ingestionKey: [] }],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['labels'], properties: { labels: { type: 'array', maxItems: 1000, items: { type: 'object', required: ['event_id', 'label'], properties: { event_id: { type: 'string' }, label: { type: ['string', 'number'] } } } } } } } } },
          responses: { 200: { description: 'Labels stored, and refused ones with a reason' }, 413: error, 429: error, ...errors },
        },
      },
      '/deployments/{id}/drift': {
        get: {
          summary: 'Drift per feature and dataset drift over a window (Evidently’s default statistics)',
          description: 'An ingestion key with the read scope for this deployment, a personal API token or a session of someone who reads monitoring. Defaults to the last hour.',
          security: [{ ingestionKey: [] }, { bearer: [] }],
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
            { name: 'from', in: 'query', schema: { type: 'string', format: 'date-time' } },
            { name: 'to', in: 'query', schema: { type: 'string', format: 'date-time' } },
            { name: 'share_threshold', in: 'query', schema: { type: 'number', exclusiveMinimum: 0, maximum: 1, default: 0.5 } },
          ],
          responses: { 200: { description: 'window_reader (copy or aggregate: how the window was read); version (the one served last) and, for it, per feature: name, type, method, statistic, p_value (tests only), threshold, drifted, reference_count, current_count, reference_missing, current_missing; row counts, share_drifted and dataset_drift; versions: the same figures for every version that served the window, each against its own reference dataset. A window spans at most 31 days (400 past it).' }, ...errors },
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
