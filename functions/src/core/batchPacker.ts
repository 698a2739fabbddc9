import { MAX_BATCH, type Store, type Write } from '../ports/store';
import { CounterDeltas } from './counters';

/**
 * Packs units of work (a child's documents plus its counter changes) into atomic batches of at
 * most 500 writes. A unit never straddles two batches, so whatever commits carries its own
 * counters: an interrupted run leaves counters that match the children written.
 */
export class BatchPacker {
  private writes: Write[] = [];
  private counters = new CounterDeltas();

  constructor(private readonly store: Store) {}

  async add(writes: readonly Write[], count: (c: CounterDeltas) => void): Promise<void> {
    const unit = new CounterDeltas();
    count(unit);
    if (
      this.writes.length > 0 &&
      this.writes.length + writes.length + this.counters.size + this.counters.newDocs(unit) > MAX_BATCH
    )
      await this.flush();
    this.writes.push(...writes);
    this.counters.merge(unit);
  }

  async flush(): Promise<void> {
    if (this.writes.length === 0 && this.counters.size === 0) return;
    const all = [...this.writes, ...this.counters.writes()];
    this.writes = [];
    this.counters = new CounterDeltas();
    await this.store.batch(all);
  }
}
