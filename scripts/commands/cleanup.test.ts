import { randomBytes } from "node:crypto";
import { inArray } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { images } from "@/lib/db/schema";
import { recordReview } from "@/lib/review/record-review";
import { insertTestImage, insertTestReviewer } from "@/lib/review/testing/review-fixtures";
import { createTestContext } from "@/lib/testing/test-context";
import { runCleanup } from "./cleanup";

// `cli cleanup` for each policy: --dry-run prints the plan (what goes, what keeps the rest) and changes nothing;
// then the same policy acts, and the images the plan called protected are still there.
const context = await createTestContext();
const DAY = 86_400_000;
afterEach(() => vi.restoreAllMocks());

function output(): string[] {
  const lines: string[] = [];
  const capture = (...parts: unknown[]) => void lines.push(parts.join(" "));
  vi.spyOn(console, "log").mockImplementation(capture);
  vi.spyOn(console, "error").mockImplementation(capture);
  return lines;
}

/** Three images of a new model made 3, 2 and 1 days ago; the oldest approved by a reviewer. */
async function threeOfAModel(): Promise<{ model: string; approved: string; plain: string; newest: string }> {
  const model = `cli-${randomBytes(4).toString("hex")}`;
  const [approved = "", plain = "", newest = ""] = await Promise.all(
    [3, 2, 1].map((days) => {
      const at = new Date(Date.now() - days * DAY);
      return insertTestImage(context.db, { model, createdAt: at, lastPostedAt: at });
    }),
  );
  const reviewer = await insertTestReviewer(context.db);
  await recordReview(context.db, reviewer, { action: "decide", imageId: approved, decision: "approve" });
  return { model, approved, plain, newest };
}

const left = async (ids: string[]) =>
  (await context.db.select({ id: images.id }).from(images).where(inArray(images.id, ids))).map(
    (row) => row.id,
  );

describe("cli cleanup", () => {
  for (const [policy, flags] of [
    ["keep-newest", (_model: string) => ["--keep-newest", "1", "--per", "model"]],
    ["older-than", (model: string) => ["--older-than", "36h", "--model", model]],
    ["rejected-older-than", (_model: string) => ["--rejected-older-than", "36h"]],
  ] as const) {
    it(`${policy}: plans, then acts; protected images untouched`, async () => {
      const { model, approved, plain, newest } = await threeOfAModel();
      if (policy === "rejected-older-than") {
        const reviewer = await insertTestReviewer(context.db);
        await recordReview(context.db, reviewer, { action: "decide", imageId: plain, decision: "reject" });
      }
      let lines = output();
      expect(await runCleanup([...flags(model), "--dry-run"])).toBe(0);
      const printed = lines.join("\n");
      expect(printed).toMatch(new RegExp(`${plain}\\s+\\w{16}\\s+remove`));
      if (policy !== "rejected-older-than")
        expect(printed).toMatch(new RegExp(`${approved}\\s+\\w{16}\\s+keep: .*a reviewer approved it`));
      expect(printed).toMatch(/Would purge [1-9]\d* image\(s\)/);
      expect(await left([approved, plain, newest])).toHaveLength(3);

      lines = output();
      expect(await runCleanup(flags(model))).toBe(0);
      expect(lines.join("\n")).toMatch(/Purged [1-9]\d* image\(s\)/);
      expect((await left([approved, plain, newest])).sort()).toEqual([approved, newest].sort());
    });
  }

  it("refuses a policy missing a field, or two policies at once, in one line (exit 2)", async () => {
    const lines = output();
    expect(await runCleanup(["--keep-newest", "3"])).toBe(2);
    expect(await runCleanup(["--older-than", "30d"])).toBe(2);
    expect(await runCleanup(["--keep-newest", "0", "--per", "run"])).toBe(2);
    expect(await runCleanup(["--older-than", "30d", "--keep-newest", "2", "--per", "run"])).toBe(2);
    expect(lines.slice(0, 3)).toEqual([
      "cleanup: --per: keep_newest needs per (model or run)",
      "cleanup: --model: older_than needs model (the policy is per model)",
      "cleanup: --keep-newest: Too small: expected number to be >=1",
    ]);
    expect(lines[3]).toMatch(/^usage: npm run cli -- cleanup/);
  });
});
