import { describe, expect, it } from "vitest";
import { formatError } from "../../src/server/errors.js";

describe("request limits and error masking", () => {
  it("masks unexpected errors: a generic message and code, the details only in the server log", () => {
    const logged: unknown[] = [];
    const internal = new Error("Neo.ClientError.Statement.SyntaxError: secret internals at line 3");
    const formatted = formatError((error) => logged.push(error), false)(
      {
        message: internal.message,
        path: ["projects"],
        extensions: { code: "INTERNAL_SERVER_ERROR", stacktrace: ["at secret.ts:1"] },
      },
      internal,
    );
    expect(formatted).toEqual({
      message: "Internal server error",
      locations: undefined,
      path: ["projects"],
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    });
    expect(logged).toEqual([internal]);
  });
});
