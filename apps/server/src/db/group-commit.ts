export interface GroupCommitOptions<T> {
  /** Statements in flight at once; while they run, the next batch gathers. */
  maxInFlight: number;
  /** Items in one statement at most. */
  maxBatch: number;
  /** Items with the same key never share a batch: a later one waits for the next, so they are written in order. */
  key?: (item: T) => string;
}

interface Pending<T, R> {
  item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * GROUP COMMIT: what callers submit while a statement runs is written together by the next one
 * — one statement, one round trip and one WAL flush for many. `write` stores a batch in one
 * statement and answers each item's result, in order; each `submit` resolves only once its item
 * is committed. If a batch fails, its items are written again one statement each, so a bad item
 * fails only its own caller.
 */
export class GroupCommit<T, R> {
  private queue: Pending<T, R>[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly options: GroupCommitOptions<T>,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.options.maxInFlight || this.queue.length === 0) return;
    this.scheduled = true;
    // After the current I/O callbacks, so what they submit joins this batch.
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const batch = this.takeBatch();
      this.inFlight++;
      void this.run(batch).finally(() => {
        this.inFlight--;
        this.schedule();
      });
    }
  }

  private takeBatch(): Pending<T, R>[] {
    const { key, maxBatch } = this.options;
    if (!key) return this.queue.splice(0, maxBatch);
    const batch: Pending<T, R>[] = [];
    const rest: Pending<T, R>[] = [];
    const keys = new Set<string>();
    for (const pending of this.queue) {
      const k = key(pending.item);
      if (batch.length < maxBatch && !keys.has(k)) {
        keys.add(k);
        batch.push(pending);
      } else rest.push(pending);
    }
    this.queue = rest;
    return batch;
  }

  private async run(batch: Pending<T, R>[]): Promise<void> {
    try {
      const results = await this.write(batch.map((p) => p.item));
      batch.forEach((p, i) => p.resolve(results[i]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      // Find out which item it was: each on its own, in order.
      for (const p of batch) await this.write([p.item]).then((results) => p.resolve(results[0]!), p.reject);
    }
  }
}
