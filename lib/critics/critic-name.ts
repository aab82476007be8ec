import { storableString } from "@/lib/zod/storable";

// Names appear in URLs (/critics/<name>) and filters, so they are plain identifiers (client-safe: filters use it).
export const criticNameSchema = storableString()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, "critic must be 1-100 letters, digits, '.', '_' or '-'");
export const criticVersionSchema = storableString()
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._+-]{0,99}$/,
    "critic_version must be 1-100 letters, digits, '.', '_', '+' or '-'",
  );
