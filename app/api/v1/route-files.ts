// Test support: where an OpenAPI path's handler lives (/images/{id}/purge → ./images/[id]/purge/route.ts).
import path from "node:path";

const routeFileOf = (openApiPath: string) =>
  path.join(import.meta.dirname, openApiPath.replace(/\{(\w+)\}/g, "[$1]"), "route.ts");

type RouteModule = Record<string, unknown>;

export const loadRouteModule = (openApiPath: string) =>
  import(routeFileOf(openApiPath)) as Promise<RouteModule>;
