// The OpenAPI 3.1 document of /api/v1, assembled from operations each route describes beside its handler
// (app/api/v1/**/operations.ts, listed once in app/api/v1/api-routes.ts) with the same zod schemas it validates with.

type HttpMethod = "get" | "post" | "patch" | "delete";
/** One path's operations, as an operations.ts beside a route handler describes them. */
export type PathOperations = Partial<
  Record<HttpMethod, { parameters?: unknown[] } & Record<string, unknown>>
>;

// Every documented POST is an apiRoute with `idempotent` (app/api/v1/idempotent-posts.test.ts holds it to that).
const idempotencyHeader = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description:
    "Retry-safe: the same key and request within 24 h replay the first answer, with URLs signed anew",
  schema: { type: "string", maxLength: 255 },
};

/** Each POST with the Idempotency-Key header added, as a copy: the routes' descriptions stay as written. */
function withIdempotencyHeader<Paths extends Record<string, PathOperations>>(paths: Paths): Paths {
  return Object.fromEntries(
    Object.entries(paths).map(([path, operations]) => {
      const post = operations.post;
      if (!post) return [path, operations];
      return [
        path,
        { ...operations, post: { ...post, parameters: [...(post.parameters ?? []), idempotencyHeader] } },
      ];
    }),
  ) as Paths;
}

export function buildOpenApiDocument<Paths extends Record<string, PathOperations>>(
  serverUrl: string,
  paths: Paths,
) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Lightbox API",
      version: "1.0.0",
      description: "Image library and review desk for generation pipelines",
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "An API key: lbx_<prefix>_<secret>" },
      },
    },
    paths: withIdempotencyHeader(paths),
  };
}
