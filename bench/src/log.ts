/** Progress for humans goes to stderr; stdout carries only the results table. */
export type Log = (line: string) => void;

export const logToStderr: Log = (line) => process.stderr.write(`[bench] ${line}\n`);

/** A progress callback `(done, total)` that logs at every tenth of the total. */
export function progressEvery(total: number, log: Log, verb: string): (done: number) => void {
  const step = Math.max(1, Math.ceil(total / 10));
  return (done) => {
    if (done % step === 0 && done < total)
      log(`${verb} ${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")}`);
  };
}
