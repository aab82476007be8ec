import { describe, expect, it } from "vitest";
import { insertTestReviewer } from "@/lib/review/testing/review-fixtures";
import { createTestContext } from "@/lib/testing/test-context";
import { findUserPreferences } from "./find-user-preferences";
import { updateUserPreferences } from "./update-user-preferences";
import { userPreferencesPatchSchema } from "./user-preferences";

const { db } = await createTestContext();

describe("user preferences", () => {
  it("start at the defaults, merge patches key by key, and stay per user", async () => {
    const [alice, bob] = [await insertTestReviewer(db), await insertTestReviewer(db)];
    expect(await findUserPreferences(db, alice.id)).toEqual({
      theme: "system",
      tileSize: "medium",
      tileFit: "contain",
      tileCaption: "prompt",
      rejectFlow: "keys",
    });
    await Promise.all([
      updateUserPreferences(db, alice.id, { tileSize: "large" }),
      updateUserPreferences(db, alice.id, { theme: "light" }),
    ]);
    expect(await findUserPreferences(db, alice.id)).toMatchObject({ tileSize: "large", theme: "light" });
    expect(await findUserPreferences(db, bob.id)).toMatchObject({ tileSize: "medium", theme: "system" });
  });

  it("accept only known keys and values from a client", () => {
    expect(userPreferencesPatchSchema.safeParse({ theme: "sepia" }).success).toBe(false);
    expect(userPreferencesPatchSchema.safeParse({ isAdmin: true }).success).toBe(false);
    expect(userPreferencesPatchSchema.parse({ tileCaption: "seed" })).toEqual({ tileCaption: "seed" });
  });
});
