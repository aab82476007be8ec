import { z } from "zod";

const THEMES = ["system", "light", "dark"] as const;
export const TILE_SIZES = ["small", "medium", "large"] as const;
export const TILE_FITS = ["crop", "contain"] as const;
export const TILE_CAPTIONS = ["prompt", "seed", "model", "none"] as const;
/** "keys": X moves on and T/N still reach the rejected image; "picker": X also opens the reason picker for it. */
export const REJECT_FLOWS = ["keys", "picker"] as const;

// Each key falls back on its own, so one stale or hand-edited value never resets the others.
const userPreferencesSchema = z.object({
  theme: z.enum(THEMES).catch("system"),
  tileSize: z.enum(TILE_SIZES).catch("medium"),
  tileFit: z.enum(TILE_FITS).catch("contain"),
  tileCaption: z.enum(TILE_CAPTIONS).catch("prompt"),
  rejectFlow: z.enum(REJECT_FLOWS).catch("keys"),
});
export type UserPreferences = z.output<typeof userPreferencesSchema>;

/** What a client may send: any subset, each value from its closed list. */
export const userPreferencesPatchSchema = z
  .object({
    theme: z.enum(THEMES),
    tileSize: z.enum(TILE_SIZES),
    tileFit: z.enum(TILE_FITS),
    tileCaption: z.enum(TILE_CAPTIONS),
    rejectFlow: z.enum(REJECT_FLOWS),
  })
  .partial()
  .strict();
export type UserPreferencesPatch = z.output<typeof userPreferencesPatchSchema>;

export function parseUserPreferences(stored: unknown): UserPreferences {
  return userPreferencesSchema.parse(stored && typeof stored === "object" ? stored : {});
}
