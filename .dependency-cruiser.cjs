// Import rules `npm run lint` holds (dependency-cruiser). The layers, from the outside in:
//   app/ (routes, pages, server actions) → components/ (UI) → lib/ (domain) → lib/db/ (schema, client, pool).
// lib/http is the HTTP adapter: route wrappers, body readers, the OpenAPI document. Domain folders never import it.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "lib-never-imports-app-or-components",
      comment: "lib/ is the domain: it knows nothing of routes, pages or UI.",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "components-import-client-safe-lib-only",
      comment:
        "components/ render in the browser too: no database, storage, auth server code or Node services.",
      severity: "error",
      from: { path: "^components/" },
      to: {
        path: "^(lib/db/|lib/storage/|lib/mcp/|lib/importer/|lib/maintenance/|lib/local-stack/|lib/auth/(session/(auth|session)|passwords/|keys/|users/)|scripts/)",
      },
    },
    {
      name: "domain-never-imports-http",
      comment:
        "Domain folders return typed results; only the adapters (lib/http, app/, scripts/) speak HTTP.",
      severity: "error",
      from: { path: "^lib/", pathNot: "^lib/(http|mcp|testing)/" },
      to: { path: "^lib/http/" },
    },
    {
      name: "schema-imports-only-leaf-enums",
      comment:
        "The schema depends on nothing but its own folder and lib/enums, the values it shares with the domain.",
      severity: "error",
      from: { path: "^lib/db/schema/" },
      to: { path: "^(lib|app|components|scripts)/", pathNot: "^lib/(enums|db/schema)/" },
    },
    {
      name: "enums-are-leaves",
      comment:
        "lib/enums holds plain value lists and their types, so the schema and every layer can share them.",
      severity: "error",
      from: { path: "^lib/enums/" },
      to: { pathNot: "^lib/enums/" },
    },
    {
      name: "no-folder-cycles",
      comment:
        "Folders form a hierarchy: a cycle between two folders means a concept lives in the wrong one.",
      severity: "error",
      scope: "folder",
      from: {},
      to: { circular: true },
    },
    {
      name: "no-module-cycles",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: {
      path: [
        "(^|/)(node_modules|\\.next|clients|test-results)/",
        "\\.test\\.tsx?$",
        "^lib/testing/",
        "^e2e/",
      ],
    },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
    },
  },
};
