import { extname } from "node:path";
import type { Database } from "../db/database.js";
import { badInput } from "../errors.js";
import { withNames } from "../repositories/display-names.js";
import { REVIEW_FORMATS, type ReviewFormat, renderReview } from "../review/render.js";
import { ReviewService } from "../review/review-service.js";

/**
 * `kmgraph review [--format md|csv|json] [--as-of DATE] [--out FILE]`: the
 * strategy review (docs/review.md) rendered as text; the caller prints it or
 * writes it to `out`. Without --format, the extension of --out decides
 * (.md, .csv, .json), else Markdown. Markdown and CSV show names, JSON ids.
 */
export async function reviewCommand(
  db: Database,
  options: { format?: string; asOf?: string; out?: string },
): Promise<string> {
  const format = reviewFormat(options.format, options.out);
  const review = await new ReviewService(db).review(options.asOf ? { asOf: options.asOf } : {});
  // JSON keeps ids; Markdown and CSV name what they show, read in one more statement.
  if (format === "json") return renderReview(review, format);
  return withNames(db, (names) => renderReview(review, format, names));
}

/** The format asked for; BAD_USER_INPUT for anything but md, csv and json. */
export function reviewFormat(format: string | undefined, out?: string): ReviewFormat {
  if (format === undefined || format === "") {
    const fromFile = out ? extname(out).slice(1).toLowerCase() : "";
    if (fromFile === "markdown") return "md";
    return isFormat(fromFile) ? fromFile : "md";
  }
  const given = format.trim().toLowerCase();
  if (isFormat(given)) return given;
  throw badInput(`unknown review format "${format}": use one of ${REVIEW_FORMATS.join(", ")}`, [
    { path: "format", message: `must be one of ${REVIEW_FORMATS.join(", ")}` },
  ]);
}

function isFormat(value: string): value is ReviewFormat {
  return (REVIEW_FORMATS as readonly string[]).includes(value);
}
