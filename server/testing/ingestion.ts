// A deployment with an ingestion key on a migrated database, and events to send it: for the tests
// that keep ingestion flowing while they break the database underneath.
import { randomUUID } from 'node:crypto';
import type { Database } from '@/server/db/connect';
import { createVersion } from '@/server/services/catalog/create-version';
import { registerModel } from '@/server/services/catalog/register-model';
import { createDeployment } from '@/server/services/monitoring/deployments';
import { createIngestionKey } from '@/server/services/monitoring/ingestion-keys';
import { contextFor, createUserWithSession } from './fixtures';
import { tfjsModelFiles } from './tfjs-fixture';

const features = [
  { name: 'age', type: 'numeric' as const, min: 0, max: 120, allowMissing: false },
  { name: 'region', type: 'categorical' as const, categories: ['north', 'south'], allowMissing: false },
];

export async function ingestionTarget(db: Database) {
  const user = await createUserWithSession(db, ['data_scientist', 'ops']);
  const ctx = contextFor(db, user);
  const model = await registerModel({ ctx, input: { name: `Outage Model ${randomUUID().slice(0, 8)}`, ownerTeam: 'Ops', taskType: 'binary_classification', riskTier: 'low' } });
  await createVersion({ ctx, input: { modelId: model.id, files: tfjsModelFiles({ inputs: features.length }).files, metadata: { inputSchema: { features }, outputSchema: { target: 'y', classLabels: ['no', 'yes'], positiveClass: 'yes' } } } });
  const deployment = await createDeployment({ ctx, input: { modelId: model.id, environment: 'outage' } });
  const { key } = await createIngestionKey({ ctx, input: { deploymentId: deployment.id, name: 'outage' } });
  return { key, deploymentId: deployment.id };
}

const predictionEvent = (eventId: string) => ({
  event_id: eventId,
  timestamp: new Date().toISOString(),
  features: { age: 40, region: 'north' },
  prediction: 'yes',
  probabilities: [0.2, 0.8],
  model_version: 1,
});

export const eventsRequest = (key: string, eventIds: string[]) =>
  new Request('http://localhost/api/v1/events', {
    method: 'POST',
    body: JSON.stringify({ events: eventIds.map(predictionEvent) }),
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
  });
