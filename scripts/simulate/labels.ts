// Labels that arrive later: each stored event's true label becomes due `delay` seconds after it
// was sent. A queue ordered by due time (events are scheduled in send order, so appends keep it
// sorted).
export type PendingLabel = { event_id: string; label: string | number };

export class LabelQueue {
  private items: { due: number; label: PendingLabel }[] = [];
  private head = 0;

  constructor(private readonly delayMs: number) {}

  get size(): number {
    return this.items.length - this.head;
  }

  /** Schedules labels for events sent at `sentAt` (ms). Events without a true label are skipped. */
  schedule(labels: { event_id: string; label: string | number | null }[], sentAt: number): void {
    const due = sentAt + this.delayMs;
    // Keeps the queue sorted even if a caller's clock steps back.
    const last = this.items[this.items.length - 1];
    const at = last && last.due > due ? last.due : due;
    for (const l of labels) if (l.label !== null) this.items.push({ due: at, label: { event_id: l.event_id, label: l.label } });
  }

  /** Removes and returns up to `max` labels due at `now`. */
  take(now: number, max: number): PendingLabel[] {
    const out: PendingLabel[] = [];
    while (this.head < this.items.length && out.length < max) {
      const next = this.items[this.head];
      if (!next || next.due > now) break;
      out.push(next.label);
      this.head += 1;
    }
    if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return out;
  }
}
