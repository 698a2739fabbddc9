import { MAX_BATCH, type Store, type Write } from '../ports/store';
import { CounterDeltas } from './counters';

/** Batches committing at once: Firestore answers each in a round trip, so a few in flight hide its latency. */
const IN_FLIGHT = 4;

/**
 * Packs units of work (a child's documents plus its counter changes) into atomic batches of at
 * most 500 writes. A unit never straddles two batches, so whatever commits carries its own
 * counters: an interrupted run leaves counters that match the children written. Up to `inFlight`
 * batches commit at once (counter increments commute); `drain()` waits for all of them, before a
 * caller reads what it wrote.
 */
export class BatchPacker {
  private writes: Write[] = [];
  private counters = new CounterDeltas();
  private readonly pending = new Set<Promise<void>>();
  private failed: unknown;

  constructor(
    private readonly store: Store,
    private readonly inFlight = IN_FLIGHT,
  ) {}

  async add(writes: readonly Write[], count: (c: CounterDeltas) => void): Promise<void> {
    const unit = new CounterDeltas();
    count(unit);
    if (
      this.writes.length > 0 &&
      this.writes.length + writes.length + this.counters.size + this.counters.newDocs(unit) > MAX_BATCH
    )
      await this.send();
    this.writes.push(...writes);
    this.counters.merge(unit);
  }

  /** Commits what is packed and waits until every batch sent so far has committed (or throws its error). */
  async flush(): Promise<void> {
    await this.send();
    await this.drain();
  }

  /** Waits for the batches in flight; the first failure is thrown here or by the next add. */
  async drain(): Promise<void> {
    await Promise.all(this.pending);
    this.throwIfFailed();
  }

  private async send(): Promise<void> {
    this.throwIfFailed();
    if (this.writes.length === 0 && this.counters.size === 0) return;
    const all = [...this.writes, ...this.counters.writes()];
    this.writes = [];
    this.counters = new CounterDeltas();
    const p: Promise<void> = this.store.batch(all).then(
      () => void this.pending.delete(p),
      (err: unknown) => {
        this.pending.delete(p);
        this.failed ??= err;
      },
    );
    this.pending.add(p);
    while (this.pending.size >= this.inFlight) await Promise.race(this.pending);
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failed !== undefined) throw this.failed;
  }
}
