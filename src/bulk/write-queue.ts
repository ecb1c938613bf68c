/**
 * Runs write batches while the caller prepares the next: `push` returns as
 * soon as fewer than `concurrency` batches are in flight, so parsing and
 * writing overlap. With a concurrency of 1 batches run one after another and
 * never compete for the same nodes. The first failure is kept and rethrown by
 * the next `push` or `drain`.
 */
export class WriteQueue {
  private readonly running = new Set<Promise<void>>();
  private failure: { error: unknown } | null = null;

  constructor(private readonly concurrency = 1) {
    if (!Number.isInteger(concurrency) || concurrency < 1)
      throw new Error(`concurrency must be a positive integer, got ${concurrency}`);
  }

  async push(work: () => Promise<void>): Promise<void> {
    while (this.running.size >= this.concurrency) await Promise.race(this.running);
    if (this.failure) throw this.failure.error;
    const run: Promise<void> = work()
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.race(this.running);
    if (this.failure) throw this.failure.error;
  }
}
