import type { ActionResult } from "@/lib/http/wrappers/action-result";
import type { UserPreferences } from "@/lib/preferences/user-preferences";

/** The server action that saves the caller's display choices, handed down by pages (components never import app/). */
export type SavePreferences = (input: Partial<UserPreferences>) => Promise<ActionResult<UserPreferences>>;
