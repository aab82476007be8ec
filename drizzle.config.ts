import { defineConfig } from "drizzle-kit";

// Only `drizzle-kit generate` is used (it needs no database); migrations are applied by lib/setup/migrate-database.ts.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema/index.ts",
  out: "./lib/db/migrations",
  casing: "snake_case",
});
