// `npm run audit:verify`: recomputes every hash and link of the audit trail. Exit code 0 = intact.
import { verifyAuditChain } from '@/server/audit/verify';
import { openDatabase } from '@/server/db/open';

const database = await openDatabase();
if (database.through) console.log(`(through the running Modelgate, process ${database.through.pid})`);
const started = performance.now();
const result = await verifyAuditChain(database.db);
const ms = performance.now() - started;
if (result.ok) {
  console.log(`ok: ${result.count} events, head ${result.headHash} (${ms.toFixed(0)} ms)`);
} else {
  console.log(`BROKEN at event ${result.firstBrokenSeq}: ${result.problem} (${result.count} events verified before it)`);
}
await database.close();
process.exit(result.ok ? 0 : 1);
