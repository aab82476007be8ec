// Client-safe leaf (imports nothing): the api_keys CHECK constraint, the zod schemas and the key form derive from it.

export const API_KEY_SCOPES = ["ingest", "read", "critic", "admin"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
