import { describe, expect, it } from "vitest";
import { importActivity, trackImport } from "../../src/bulk/import-activity.js";
import { loadConfig, observabilitySettings } from "../../src/config.js";
import { AppError } from "../../src/errors.js";
import { createLogger, errorFields, scrub } from "../../src/server/logger.js";
import { BoundedLabel, MAX_LABEL_VALUES, Metrics, OTHER_LABEL } from "../../src/server/metrics.js";
import { requestIdOf } from "../../src/server/request-id.js";
import { operationNames } from "../../src/server/request-observation.js";

describe("the request id", () => {
  const of = (value: string | string[] | undefined) => requestIdOf({ headers: { "x-request-id": value } });

  it("keeps a short, safe id from the proxy", () => {
    for (const id of ["abc", "0f8fad5b-d9cb-469f-a165-70867728950e", "trace.1_2-3", "x".repeat(64)]) {
      expect(of(id)).toBe(id);
    }
  });

  it("replaces anything else with a new UUID", () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const id of [undefined, "", "x".repeat(65), "a b", "a\nb", 'a"b', "é", "<script>", ["a", "b"]]) {
      expect(of(id)).toMatch(uuid);
    }
    expect(of(undefined)).not.toBe(of(undefined));
  });
});

describe("the operation label", () => {
  it("gives the first names a series each and the rest 'other'", () => {
    const label = new BoundedLabel(3);
    expect(["a", "b", "a", "c", "d", "b", "e"].map((name) => label.of(name))).toEqual([
      "a",
      "b",
      "a",
      "c",
      OTHER_LABEL,
      "b",
      OTHER_LABEL,
    ]);
  });

  it("allows only the known names when they are given", () => {
    const label = new BoundedLabel(3, new Set(["Dashboard"]));
    expect(["Dashboard", "Other1", "Other2"].map((name) => label.of(name))).toEqual(["Dashboard", "other", "other"]);
  });

  it("bounds the series of a client sending a new name on every request", async () => {
    const metrics = new Metrics({ processMetrics: false });
    for (let i = 0; i < 1000; i++) {
      metrics.record({
        operation: `Op${i}`,
        operationType: "query",
        outcome: "ok",
        errorCodes: [],
        durationSeconds: 0.01,
        statements: 1,
      });
    }
    const scraped = await metrics.scrape();
    const series = scraped.split("\n").filter((line) => line.startsWith("kmgraph_graphql_requests_total{"));
    expect(series).toHaveLength(MAX_LABEL_VALUES + 1);
    expect(scraped).toContain('kmgraph_graphql_requests_total{operation="other",type="query",outcome="ok"} 900');
  });
});

describe("the metrics of a request", () => {
  it("counts the request, its latency, statements and each error code", async () => {
    const metrics = new Metrics({ processMetrics: false });
    const sample = { operationType: "query", durationSeconds: 0.2, statements: 4 } as const;
    metrics.record({ ...sample, operation: "Dash", outcome: "ok", errorCodes: [] });
    metrics.record({
      ...sample,
      operation: "Dash",
      outcome: "error",
      errorCodes: ["FORBIDDEN", "FORBIDDEN", "TIMEOUT"],
    });
    const scraped = await metrics.scrape();
    expect(scraped).toContain('kmgraph_graphql_requests_total{operation="Dash",type="query",outcome="ok"} 1');
    expect(scraped).toContain('kmgraph_graphql_requests_total{operation="Dash",type="query",outcome="error"} 1');
    expect(scraped).toContain('kmgraph_graphql_errors_total{code="FORBIDDEN"} 2');
    expect(scraped).toContain('kmgraph_graphql_errors_total{code="TIMEOUT"} 1');
    expect(scraped).toContain('kmgraph_cypher_statements_per_request_bucket{le="3",operation="Dash"} 0');
    expect(scraped).toContain('kmgraph_cypher_statements_per_request_bucket{le="5",operation="Dash"} 2');
    expect(scraped).toContain('kmgraph_graphql_request_duration_seconds_bucket{le="0.1",operation="Dash"} 0');
    expect(scraped).toContain('kmgraph_graphql_request_duration_seconds_bucket{le="0.25",operation="Dash"} 2');
  });

  it("keeps each server's counts in its own registry", async () => {
    const one = new Metrics();
    const two = new Metrics();
    one.record({
      operation: "A",
      operationType: "query",
      outcome: "ok",
      errorCodes: [],
      durationSeconds: 0.01,
      statements: 1,
    });
    expect(await one.scrape()).toContain('operation="A"');
    expect(await two.scrape()).not.toContain('operation="A"');
    expect(await two.scrape()).toContain("process_resident_memory_bytes");
  });
});

describe("import activity", () => {
  it("counts the rows a running import wrote, and how imports ended", async () => {
    const before = importActivity();
    const metrics = new Metrics({ processMetrics: false });
    const first = trackImport();
    first.progress({ phase: "validate", done: 5000 });
    first.progress({ phase: "nodes", done: 100 });
    first.progress({ phase: "nodes", done: 250 });
    first.progress({ phase: "relationships", done: 40 });
    const second = trackImport();
    second.progress({ phase: "nodes", done: 10 });
    let scraped = await metrics.scrape();
    expect(scraped).toContain(`kmgraph_import_running ${before.running + 2}`);
    expect(scraped).toContain(`kmgraph_import_rows_written ${before.written + 300}`);
    first.end(true);
    second.end(false);
    scraped = await metrics.scrape();
    expect(scraped).toContain(`kmgraph_import_running ${before.running}`);
    expect(scraped).toContain(`kmgraph_import_rows_written ${before.written}`);
    expect(scraped).toContain(`kmgraph_imports_started_total ${before.started + 2}`);
    expect(scraped).toContain(`kmgraph_imports_finished_total ${before.finished + 1}`);
    expect(scraped).toContain(`kmgraph_imports_failed_total ${before.failed + 1}`);
  });
});

describe("logged errors", () => {
  it("lose e-mail addresses, quoted literals, bearer credentials and tokens", () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl";
    expect(scrub(`Node(1) already exists with label \`Person\` and property \`email\` = 'ana@example.org'`)).toBe(
      "Node(1) already exists with label `Person` and property `email` = '…'",
    );
    expect(scrub(`failed for ana.ruiz+km@example.org and "Ana Ruiz"`)).toBe('failed for [e-mail] and "…"');
    expect(scrub(`header Bearer abc.def and ${jwt} here`)).toBe("header Bearer [token] and [token] here");
  });

  it("keep the error's type, code and causes", () => {
    const error = new Error("outer 'x'", { cause: new AppError("TIMEOUT", "took 'long'") });
    const fields = errorFields(error);
    expect(fields).toMatchObject({
      type: "Error",
      message: "outer '…'",
      cause: { code: "TIMEOUT", message: "took '…'" },
    });
    expect(String(fields.stack)).not.toContain("'x'");
  });

  it("are written as one JSON line with the chosen fields only", () => {
    const lines: string[] = [];
    const logger = createLogger({ level: "info", pretty: false }, { write: (line: string) => void lines.push(line) });
    logger.debug("not at info");
    logger.info({ reqId: "r1", statements: 3 }, "request");
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({ level: 30, service: "kmgraph", reqId: "r1", statements: 3, msg: "request" });
    expect(Number.isNaN(Date.parse(line.time))).toBe(false);
  });
});

describe("configuration", () => {
  it("reads KMGRAPH_LOG_LEVEL and KMGRAPH_METRICS_TOKEN", () => {
    expect(loadConfig({}).observability).toEqual({ logLevel: "info", metricsToken: undefined });
    expect(observabilitySettings({ KMGRAPH_LOG_LEVEL: "DEBUG", KMGRAPH_METRICS_TOKEN: " s3cret " })).toEqual({
      logLevel: "debug",
      metricsToken: "s3cret",
    });
    expect(() => observabilitySettings({ KMGRAPH_LOG_LEVEL: "verbose" })).toThrow(
      /^KMGRAPH_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"/,
    );
  });
});

describe("the operation names of a manifest", () => {
  it("are the names of its operations, and anonymous", () => {
    expect(
      operationNames([
        "query Dashboard { topics { totalCount } }",
        'mutation AddTopic { createTopic(input: {id: "t", name: "t"}) { id } } query Other { topics { totalCount } }',
        "{ topics { totalCount } }",
        "not graphql {",
      ]),
    ).toEqual(new Set(["anonymous", "Dashboard", "AddTopic", "Other"]));
  });
});
