/** A plain-text table: columns padded to their widest cell, numbers right-aligned; "none" without rows. */
export function table(headers: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  if (rows.length === 0) return "none";
  const cells = rows.map((row) => row.map((cell) => (cell === null ? "—" : String(cell))));
  const widths = headers.map((header, i) => Math.max(header.length, ...cells.map((row) => row[i]!.length)));
  const numeric = headers.map(
    (_, i) => rows.length > 0 && rows.every((row) => typeof row[i] === "number" || row[i] === null),
  );
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}

export const percent = (value: number | null) => (value === null ? null : `${Math.round(value * 100)} %`);
export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
