// `npm run db:migrate`: applies drizzle/ migrations to DATABASE_URL, or to the embedded database.
// On real Postgres, run it as the owner role (see scripts/db-roles.sql), not as the app role.
import { roleSetupStale, runMigrations } from '@/server/db/migrate';
import { openDatabase } from '@/server/db/open';

const database = await openDatabase();
await runMigrations(database.db, { exclusive: !database.embedded });
console.log(`Migrations applied (${database.through ? `embedded database, through the running Modelgate, process ${database.through.pid}` : database.embedded ? 'embedded database' : 'DATABASE_URL'}).`);
if (!database.embedded && (await roleSetupStale(database.db))) {
  console.log('The app role set up by scripts/db-roles.sql needs it run again after these migrations (it is idempotent).');
}
await database.close();
