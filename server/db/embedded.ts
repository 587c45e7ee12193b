// Embedded Postgres: PGlite persisted in a folder, served over TCP by pglite-socket so the app
// uses the same postgres.js driver (and the same migrations) as against a real server.
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import net from 'node:net';
import { SessionQueue } from './session-queue';

export type EmbeddedPostgres = { url: string; pglite: PGlite; stop: () => Promise<void> };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** dataDir undefined = in memory (tests). maxConnections must be ≥ the postgres.js pool sizes using it. */
export async function startEmbeddedPostgres(options: { dataDir?: string; port?: number; maxConnections?: number } = {}): Promise<EmbeddedPostgres> {
  const pg = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
  // pglite-socket ignores a client's startup parameters, and every connection shares PGlite's one
  // session: set what connect() asks of each connection here, once (see connect.ts).
  await pg.exec('set plan_cache_mode = force_custom_plan');
  const port = options.port ?? (await freePort());
  const server = new PGLiteSocketServer({ db: pg, port, host: '127.0.0.1', maxConnections: options.maxConnections ?? 32 });
  // Our queue instead of the package's: no connection's messages interleave with another's open
  // exchange, and a connection that dies mid-transaction cannot leave the one session aborted.
  (server as unknown as { queryQueue: SessionQueue }).queryQueue = new SessionQueue(pg);
  await server.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    pglite: pg,
    stop: async () => {
      await server.stop();
      await pg.close();
    },
  };
}
