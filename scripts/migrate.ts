// `npm run db:migrate`: applies drizzle/ migrations to DATABASE_URL, or to the embedded database.
import { runMigrations } from '@/server/db/migrate';
import { openDatabase } from '@/server/db/open';

const database = await openDatabase();
await runMigrations(database.db, { exclusive: !database.embedded });
console.log(`Migrations applied (${database.embedded ? 'embedded database' : 'DATABASE_URL'}).`);
await database.close();
