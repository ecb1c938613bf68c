/**
 * Samples the resident set size of this process (the API: kmgraph and
 * `@neo4j/graphql` run in it; Neo4j runs in its own JVM) every few
 * milliseconds, and keeps the peak of the whole run and of the current window.
 * A long synchronous stretch of JavaScript delays the timer, so every window
 * also samples when it opens and closes.
 */
export class RssSampler {
  private overallPeak = 0;
  private windowPeak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 10) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    // The sampler must never keep the benchmark alive on its own.
    this.timer.unref();
    this.sample();
  }

  sample(): number {
    const rss = process.memoryUsage.rss();
    if (rss > this.overallPeak) this.overallPeak = rss;
    if (rss > this.windowPeak) this.windowPeak = rss;
    return rss;
  }

  /** Starts a new window (one operation's calls). */
  openWindow(): void {
    this.windowPeak = 0;
    this.sample();
  }

  /** The peak since openWindow, in bytes. */
  closeWindow(): number {
    this.sample();
    return this.windowPeak;
  }

  get peak(): number {
    return this.overallPeak;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

export function megabytes(bytes: number): number {
  return Math.round((bytes / (1024 * 1024)) * 10) / 10;
}
