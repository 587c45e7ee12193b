import type { Role } from '@/lib/roles';

/** Who may register models and versions, edit their metadata and move unprotected aliases. */
export const CATALOG_WRITERS: readonly Role[] = ['data_scientist'];

/** Every signed-in person may read the catalog (auditors included). */
export const CATALOG_READERS = 'any signed-in user';
