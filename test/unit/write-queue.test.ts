import { describe, expect, it } from "vitest";
import { WriteQueue } from "../../src/bulk/write-queue.js";

// The bulk import's writers: at most `concurrency` batches in flight, the
// first failure kept and rethrown.

/** A batch that finishes when told to, recording how many ran at once. */
function gate(log: { running: number; peak: number }) {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const work = async () => {
    log.running++;
    log.peak = Math.max(log.peak, log.running);
    await opened;
    log.running--;
  };
  return { work, open };
}

describe("WriteQueue", () => {
  it("keeps at most `concurrency` batches in flight", async () => {
    const log = { running: 0, peak: 0 };
    const queue = new WriteQueue(2);
    const gates = [gate(log), gate(log), gate(log)];
    await queue.push(gates[0]!.work);
    await queue.push(gates[1]!.work);
    const third = queue.push(gates[2]!.work);
    await Promise.resolve();
    expect(log.running).toBe(2);
    gates[0]!.open();
    await third;
    gates[1]!.open();
    gates[2]!.open();
    await queue.drain();
    expect(log).toEqual({ running: 0, peak: 2 });
  });

  it("runs batches one after another with a concurrency of 1", async () => {
    const order: string[] = [];
    const queue = new WriteQueue(1);
    for (const name of ["a", "b", "c"]) {
      await queue.push(async () => {
        order.push(`${name} starts`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        order.push(`${name} ends`);
      });
    }
    await queue.drain();
    expect(order).toEqual(["a starts", "a ends", "b starts", "b ends", "c starts", "c ends"]);
  });

  it("keeps the first failure and rethrows it on drain and on every push after", async () => {
    const queue = new WriteQueue(2);
    const { work: slow, open } = gate({ running: 0, peak: 0 });
    await queue.push(async () => {
      await slow();
      throw new Error("second");
    });
    await queue.push(async () => {
      throw new Error("first");
    });
    open();
    await expect(queue.drain()).rejects.toThrow("first");
    await expect(queue.push(async () => {})).rejects.toThrow("first");
  });

  it("refuses a concurrency that is not a positive integer", () => {
    expect(() => new WriteQueue(0)).toThrow(/positive integer/);
  });
});
