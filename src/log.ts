/** Where progress and diagnostics for a person go: one line at a time. */
export type Log = (line: string) => void;

export const logToStderr: Log = (line) => process.stderr.write(`${line}\n`);
