/**
 * Runs write batches one after another while the caller prepares the next:
 * `push` returns as soon as the previous batch has finished, so parsing and
 * writing overlap without two transactions competing for the same nodes. The
 * first failure is kept and rethrown by the next `push` or `drain`.
 */
export class WriteQueue {
  private last: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | null = null;

  async push(work: () => Promise<void>): Promise<void> {
    await this.last;
    if (this.failure) throw this.failure.error;
    this.last = work().catch((error: unknown) => {
      this.failure ??= { error };
    });
  }

  async drain(): Promise<void> {
    await this.last;
    if (this.failure) throw this.failure.error;
  }
}
