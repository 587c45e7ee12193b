import type { NewDomainEvent } from '@/server/events/types';

/** A model, its versions or aliases changed: every open catalog, model and version page refreshes. */
export const CATALOG_CHANGED = (modelId: string): NewDomainEvent => ({
  type: 'catalog.changed',
  entityId: modelId,
  topics: ['catalog'],
  audience: 'all',
});
