// `tsx --import ./scripts/route-handler-conditions.mjs`: lets a script call route handlers in its own process, as
// the route tests do under Vitest. The handlers reach next/navigation, which needs React's full build, so such a
// script runs without the react-server condition; without it "server-only" would throw, so that one import still
// resolves under react-server (to its empty module, as in Next's server bundle; lib/testing/server-only-stub.ts).
import { register } from "node:module";

const hooks = `export async function resolve(specifier, context, next) {
  if (specifier !== "server-only") return next(specifier, context);
  return next(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`, import.meta.url);
