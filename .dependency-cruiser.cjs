// The layers of src/, top to bottom: a module may import from its own folder
// and from the folders below it, never from one above it, and never in a
// circle. `npm run lint` checks it; README ("The layers", under "How a query runs") says why.
const LAYERS = [
  ["cli"], // command-line entry point
  ["server"], // HTTP entry point: builds the schema, serves it
  ["resolvers"], // thin: one service or loader call per field
  ["schema"], // type-graphql classes, each implementing its domain type
  ["context"], // what a request carries: the caller's identity, loaders and services
  ["auth"], // who a request comes from: tokens verified, the caller's person looked up
  ["bulk"],
  ["generator"],
  ["interchange"],
  ["finder"],
  ["inference"],
  ["review"],
  ["search"],
  ["analytics"], // pure functions over projections, and the service that reads them
  ["services"], // entity writes, validation of inputs, pagination
  ["loaders"], // per-request DataLoaders: send what nested-read compiles, one statement per level
  ["nested-read"], // GraphQL selection → shape → one Cypher statement → records; pure
  ["repositories"], // single writes
  ["streams"],
  ["db"], // the driver, the embedded Neo4j, migrations
  ["model"], // the declarative model
  ["(config|errors|log|ordering|paths|validation)\\.ts$"], // shared leaves
];

const folder = (names) => `^src/(${names.join("|")})(/|$)`;

const layerRules = LAYERS.slice(1).map((names, index) => ({
  name: `layer-${names[0].replace(/\W.*/, "") || "leaves"}`,
  comment: `${names.join(", ")} may not import from a layer above it`,
  severity: "error",
  from: { path: folder(names) },
  to: { path: folder(LAYERS.slice(0, index + 1).flat()) },
}));

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "a circle of imports has no bottom: split out what both sides need",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true },
    },
    ...layerRules,
    {
      name: "nested-read-surface",
      comment: "outside src/nested-read, use what its index.ts exports: the rest may change with the compiler",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/nested-read/" },
      to: { path: "^src/nested-read/", pathNot: "^src/nested-read/index\\.ts$" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // Type-only imports count: a type from above is a dependency on that layer.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js"] },
  },
};
