import { ROLES, type Role } from '@/lib/roles';

/** Who may register models and versions, edit their metadata and move unprotected aliases. */
export const CATALOG_WRITERS: readonly Role[] = ['data_scientist'];

/** Every signed-in person may read the catalog (auditors included). */
export const CATALOG_READERS = 'any signed-in user';

/**
 * Who may list stored datasets and download their rows: anyone who holds a role. The rows can be
 * personal data, so a person signed in with no role yet (an account an admin has not set up) may not.
 */
export const DATASET_READERS: readonly Role[] = ROLES;
