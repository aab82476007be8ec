import { z } from "zod";

/** Where a keyset page starts (API list and gallery alike): the sort key (as Postgres text, so timestamps keep their microseconds) and the id. */
export type KeysetCursor = { key: string; id: string };

const cursorSchema = z.tuple([z.string().min(1).max(64), z.uuid()]);

export function encodeKeysetCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString("base64url");
}

/** null for anything this module did not make. */
export function decodeKeysetCursor(value: string): KeysetCursor | null {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(value, "base64url").toString()));
    return parsed.success ? { key: parsed.data[0], id: parsed.data[1] } : null;
  } catch {
    return null;
  }
}
