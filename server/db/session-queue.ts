// The queue pglite-socket runs every client connection's protocol messages through, onto PGlite's
// one session. Ours replaces the package's (same interface) for two faults of the shared session:
// - a connection owns the session from its first message until the server answers ReadyForQuery
//   "idle", so another connection's messages never land inside its transaction block or between
//   its Parse and Sync (the package only holds it inside a transaction block, judged before the
//   message runs, so a BEGIN in flight when its client went away was never rolled back);
// - when the owning connection closes with its transaction still open (or aborted), the session is
//   rolled back before anyone else's message runs, and a transaction block that no connection owns
//   is rolled back and logged instead of failing every later statement with 25P02.
import type { PGlite } from '@electric-sql/pglite';

type Item = { handlerId: number; message: Uint8Array; onData: (data: Uint8Array) => void; resolve: (bytes: number) => void; reject: (err: unknown) => void };

const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);
const READY_FOR_QUERY = 0x5a; // 'Z', then length 5, then the status byte: I idle, T in a block, E failed block

export class SessionQueue {
  private queue: Item[] = [];
  private processing = false;
  /** The connection the session is reserved for, or null when it is idle between statements. */
  private owner: number | null = null;
  private ownerGone = false;

  constructor(
    private readonly db: PGlite,
    private readonly log: (message: string) => void = (m) => console.warn(`[embedded-db] ${m}`),
  ) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.process();
    });
  }

  getQueueLength() {
    return this.queue.length;
  }

  clearQueueForHandler(handlerId: number) {
    this.queue = this.queue.filter((item) => {
      if (item.handlerId !== handlerId) return true;
      item.reject(new Error('Handler disconnected'));
      return false;
    });
  }

  /** Called when a connection closes: its open work is undone before the next message of anyone. */
  async clearTransactionIfNeeded(handlerId: number) {
    if (this.owner !== handlerId) return;
    this.ownerGone = true;
    await this.process();
  }

  private async heal() {
    const orphan = this.owner !== null && this.ownerGone;
    if (!orphan && (this.owner !== null || !this.db.isInTransaction())) return;
    try {
      // A Sync ends an extended-protocol exchange left half done (and its ignore-until-Sync state
      // after an error); ROLLBACK ends a transaction block, failed or not.
      await this.db.runExclusive(() => this.db.execProtocolRaw(SYNC));
      const inBlock = this.db.isInTransaction();
      if (inBlock) await this.db.exec('ROLLBACK');
      if (inBlock || !orphan) {
        this.log(orphan ? `rolled back the transaction of connection #${this.owner} that closed with it open` : 'rolled back a transaction block that no connection owned');
      }
    } catch (err) {
      // The database is closing (server stop); nothing is left to protect.
      this.log(`could not reset the session: ${(err as Error).message}`);
    }
    this.owner = null;
    this.ownerGone = false;
  }

  private async process() {
    if (this.processing) return;
    this.processing = true;
    try {
      for (;;) {
        await this.heal();
        const index = this.owner === null ? 0 : this.queue.findIndex((item) => item.handlerId === this.owner);
        if (index === -1 || this.queue.length === 0) break; // the owner's next message has not arrived yet
        const [item] = this.queue.splice(index, 1) as [Item];
        let bytes = 0;
        const tail = new Uint8Array(6);
        let tailLength = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                // Keep the last six bytes written: a final ReadyForQuery says where the session stands.
                const keep = Math.min(6, data.length);
                if (keep === 6) tail.set(data.subarray(data.length - 6));
                else {
                  tail.copyWithin(0, keep);
                  tail.set(data.subarray(data.length - keep), 6 - keep);
                }
                tailLength = Math.min(6, tailLength + data.length);
                item.onData(data);
              },
            }),
          );
        } catch (err) {
          item.reject(err);
          continue;
        }
        const ready = tailLength === 6 && tail[0] === READY_FOR_QUERY && tail[4] === 5;
        this.owner = ready && tail[5] === 0x49 /* I */ ? null : item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  }
}
