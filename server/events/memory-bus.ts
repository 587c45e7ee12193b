// In-process bus for the embedded database (one app instance), where LISTEN/NOTIFY cannot cross
// pglite-socket's multiplexed connections.
import { EventEmitter } from 'node:events';
import type { EventBus } from './types';

export function createMemoryBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async publish(events) {
      for (const e of events) emitter.emit('event', e);
    },
    async ready() {},
    subscribe(listener) {
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}
