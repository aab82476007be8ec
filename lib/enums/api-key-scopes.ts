// Client-safe leaf (imports nothing): the api_keys CHECK constraint, the zod schemas and the key form derive from it.

export const API_KEY_SCOPES = ["ingest", "read", "critic", "admin"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export function isApiKeyScope(value: string): value is ApiKeyScope {
  return (API_KEY_SCOPES as readonly string[]).includes(value);
}
