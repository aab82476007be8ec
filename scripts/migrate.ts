// `npm run migrate`: prepares a configured deployment (Railway/Vercel, docker-compose): applies migrations,
// optionally creates the bucket, and creates the first admin if there is none, printing its password once.
//   --create-bucket         create S3_BUCKET when missing
//   --migrations <folder>   where the SQL migrations are (the Docker image keeps them beside this script)
import { parseArgs } from "node:util";
import { ConfigError, getConfig } from "@/lib/config";
import { prepareServices } from "@/lib/setup/prepare-services";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const { values } = parseArgs({
  options: { "create-bucket": { type: "boolean", default: false }, migrations: { type: "string" } },
});

try {
  const { firstAdmin } = await prepareServices(getConfig(), {
    createBucket: values["create-bucket"],
    migrationsFolder: values.migrations,
  });
  console.log("[lightbox] database migrated");
  if (firstAdmin) {
    console.log(
      `[lightbox] first admin created (shown once; change the password at first sign-in):\n  e-mail:   ${firstAdmin.email}\n  password: ${firstAdmin.password}`,
    );
  }
} catch (error) {
  console.error(
    error instanceof ConfigError ? error.message : `[lightbox] migration failed: ${String(error)}`,
  );
  process.exit(1);
}
