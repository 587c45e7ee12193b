// Bus across app instances on a real Postgres: NOTIFY after commit, every instance LISTENs
// (including the publisher, so there is exactly one delivery path).
import 'server-only';
import { EventEmitter } from 'node:events';
import postgres from 'postgres';
import { domainEventSchema, type DomainEvent, type EventBus } from './types';

const CHANNEL = 'modelgate_events';

export function createPgBus(url: string): EventBus {
  const sql = postgres(url, { max: 2, onnotice: () => {}, connection: { application_name: 'modelgate-bus' } });
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  let listening: Promise<unknown> | null = null;

  function ensureListening() {
    listening ??= sql.listen(CHANNEL, (payload) => {
      const parsed = domainEventSchema.safeParse(JSON.parse(payload));
      if (parsed.success) emitter.emit('event', parsed.data);
    });
    return listening;
  }

  return {
    async publish(events: DomainEvent[]) {
      for (const e of events) await sql`select pg_notify(${CHANNEL}, ${JSON.stringify(e)})`;
    },
    async ready() {
      await ensureListening();
    },
    subscribe(listener) {
      void ensureListening();
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
    async close() {
      emitter.removeAllListeners();
      await sql.end({ timeout: 2 });
    },
  };
}

