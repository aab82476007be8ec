// `keys create --name N --scopes ingest,read [--expires-in-days D]`, `keys list`, `keys revoke <prefix>`
import { parseArgs } from "node:util";
import { desc } from "drizzle-orm";
import { issueApiKey, issueApiKeySchema, revokeApiKey } from "@/lib/auth/keys/manage-api-keys";
import { closeDatabase, createDatabase } from "@/lib/db/client";
import { apiKeys } from "@/lib/db/schema";
import { API_KEY_SCOPES } from "@/lib/enums/api-key-scopes";
import { loadCliConfig } from "./cli-config";

export const KEYS_USAGE =
  "keys create --name N --scopes ingest,read [--expires-in-days D] | keys list | keys revoke <prefix>";

export async function runKeys(args: string[]): Promise<number> {
  const parsed = parseArgs({
    args,
    allowPositionals: true,
    options: { name: { type: "string" }, scopes: { type: "string" }, "expires-in-days": { type: "string" } },
  });
  const { values } = parsed;
  const [action, ...positionals] = parsed.positionals;
  if (action !== "create" && action !== "list" && !(action === "revoke" && positionals[0])) {
    console.error(`usage: npm run cli -- ${KEYS_USAGE}`);
    return 2;
  }
  const config = await loadCliConfig();
  const db = createDatabase({ ...config.database, poolMax: 1 });
  try {
    if (action === "create") {
      const scopes = (values.scopes ?? "")
        .split(",")
        .map((scope) => scope.trim())
        .filter(Boolean);
      // The admin page's own schema and audited path (lib/auth/keys/manage-api-keys.ts), with the CLI as actor.
      const input = issueApiKeySchema.safeParse({
        name: values.name ?? "",
        scopes,
        expiresInDays: values["expires-in-days"],
      });
      if (!input.success) {
        for (const issue of input.error.issues)
          console.error(`keys create: --${flagOf(issue.path)}: ${issue.message}`);
        console.error(`scopes: ${API_KEY_SCOPES.join(", ")}; usage: npm run cli -- ${KEYS_USAGE}`);
        return 2;
      }
      const created = await issueApiKey(db, {}, input.data);
      console.log(
        `Created API key "${created.name}" (${created.scopes.join(", ")}). Shown only now; keep it safe:\n\n  ${created.key}\n`,
      );
      return 0;
    }
    if (action === "list") {
      const rows = await db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt));
      for (const key of rows) {
        const state = key.revokedAt
          ? "revoked"
          : key.expiresAt && key.expiresAt < new Date()
            ? "expired"
            : "active";
        console.log(
          `${key.prefix}  ${state.padEnd(7)}  ${key.scopes.join(",").padEnd(24)}  ${key.name}  last used ${key.lastUsedAt?.toISOString() ?? "never"}`,
        );
      }
      return 0;
    }
    const prefix = positionals[0] ?? "";
    const revoked = await revokeApiKey(db, {}, { prefix });
    if (!revoked.ok) {
      console.error(`No active API key with prefix ${prefix}`);
      return 1;
    }
    console.log(`Revoked ${prefix}`);
    return 0;
  } finally {
    await closeDatabase(db);
  }
}

/** The command-line flag a schema path names (expiresInDays → expires-in-days). */
const flagOf = (path: PropertyKey[]) =>
  String(path[0] ?? "").replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
