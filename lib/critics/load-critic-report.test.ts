import { and, desc, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { images } from "@/lib/db/schema";
import { insertTestImage, insertTestReviewer } from "@/lib/review/testing/review-fixtures";
import { createTestContext } from "@/lib/testing/test-context";
import { disagreementCondition, disagreementGap } from "./disagreement";
import { listDisagreementRows } from "./list-disagreement-rows";
import { loadCriticReport } from "./load-critic-report";
import { recordCritiques } from "./record-critiques";
import { saveCriticThreshold } from "./save-critic-threshold";

const { db } = await createTestContext();
const admin = await insertTestReviewer(db);

type Case = { status: "approved" | "rejected" | "unreviewed"; score: number; model: string; lora?: string };

/** Images with a human status and one critique each from `critic` (scale 0-1, no decision: the threshold decides). */
async function seed(critic: string, version: string, cases: Case[]) {
  const ids: string[] = [];
  for (const item of cases) {
    const id = await insertTestImage(db, {
      model: item.model,
      loras: item.lora ? [{ name: item.lora, weight: 1 }] : [],
    });
    await db.update(images).set({ reviewStatus: item.status }).where(eq(images.id, id));
    await recordCritiques(db, null, [
      { imageId: id, critic, critic_version: version, score: item.score, scale: "0-1", reasons: [], raw: {} },
    ]);
    ids.push(id);
  }
  return ids;
}

describe("critic report and disagreement", () => {
  // Humans approve 4, reject 3 (+1 unreviewed). At the default threshold 0.5 the critic approves scores ≥ 0.5:
  // human approve × critic approve: 0.9, 0.8, 0.6 → 3; approve × reject: 0.2 → 1;
  // reject × approve: 0.7 → 1; reject × reject: 0.1, 0.3 → 2. p_o = 5/7; rows 4/3, columns 4/3:
  // p_e = (4·4 + 3·3)/49 = 25/49; kappa = (35/49 − 25/49)/(24/49) = 10/24.
  const cases: Case[] = [
    { status: "approved", score: 0.9, model: "sdxl", lora: "film" },
    { status: "approved", score: 0.8, model: "sdxl" },
    { status: "approved", score: 0.6, model: "flux", lora: "film" },
    { status: "approved", score: 0.2, model: "flux" },
    { status: "rejected", score: 0.7, model: "flux", lora: "film" },
    { status: "rejected", score: 0.1, model: "sdxl" },
    { status: "rejected", score: 0.3, model: "sdxl" },
    { status: "unreviewed", score: 0.95, model: "sdxl" },
  ];

  it("computes the confusion matrix, agreement, kappa and breakdowns against hand-computed values", async () => {
    await seed("report-a", "1.0", cases);
    const report = await loadCriticReport(db, { critic: "report-a" });
    expect(report?.version).toBe("1.0");
    expect(report?.matrix.counts).toEqual([
      [3, 1],
      [1, 2],
    ]);
    expect(report?.summary).toMatchObject({ scored: 8, decided: 7 });
    expect(report?.summary.agreement).toBeCloseTo(5 / 7, 10);
    expect(report?.summary.kappa).toBeCloseTo(10 / 24, 10);
    expect(report?.byModel).toEqual([
      { key: "sdxl", decided: 4, agreement: 1 },
      { key: "flux", decided: 3, agreement: 1 / 3 },
    ]);
    expect(report?.byLora).toEqual([{ key: "film", decided: 3, agreement: 2 / 3 }]);
    expect(report?.histogram.reduce((sum, bin) => sum + bin.count, 0)).toBe(8);
    // 0.6 (approved) and 0.7 (rejected) each in their own tenth, whatever real rounding does to 0.7.
    expect(report?.calibration[6]).toMatchObject({ bin: 0.6, decided: 1, approvalRate: 1 });
    expect(report?.calibration[7]).toMatchObject({ bin: 0.7, decided: 1, approvalRate: 0 });
    expect(report?.calibration[9]).toMatchObject({ decided: 1, approvalRate: 1 });
  });

  it("moves with the threshold an admin sets, and compares versions", async () => {
    await seed("report-b", "1.0", cases);
    await saveCriticThreshold(db, admin, { critic: "report-b", approveThreshold: 0.75 });
    // Now 0.6 and 0.7 count as rejects: approve row 2/2, reject row 0/3 → p_o 5/7.
    const report = await loadCriticReport(db, { critic: "report-b" });
    expect(report?.matrix.counts).toEqual([
      [2, 2],
      [0, 3],
    ]);
    await seed("report-b", "2.0", [{ status: "approved", score: 1, model: "sdxl" }]);
    const latest = await loadCriticReport(db, { critic: "report-b" });
    expect(latest?.version).toBe("2.0");
    expect(latest?.versions.map((entry) => [entry.version, entry.decided])).toEqual([
      ["1.0", 7],
      ["2.0", 1],
    ]);
    expect(await loadCriticReport(db, { critic: "report-b", version: "9.9" })).toBeNull();
  });

  it("selects each direction of disagreement and orders by the size of the gap", async () => {
    const ids = await seed("gap", "1.0", cases);
    const select = (direction: "critic_approved" | "critic_rejected" | "any") =>
      db
        .select({ id: images.id })
        .from(images)
        .where(
          and(inArray(images.id, ids), disagreementCondition({ disagreement: direction, critic: "gap" })),
        )
        .orderBy(desc(disagreementGap({ critic: "gap" })));
    expect((await select("critic_approved")).map((row) => row.id)).toEqual([ids[4]]);
    expect((await select("critic_rejected")).map((row) => row.id)).toEqual([ids[3]]);
    // gaps: approved image scored 0.2 → 0.8; rejected image scored 0.7 → 0.7
    expect((await select("any")).map((row) => row.id)).toEqual([ids[3], ids[4]]);
    const other = await db
      .select({ id: images.id })
      .from(images)
      .where(and(inArray(images.id, ids), disagreementCondition({ disagreement: "any", critic: "nobody" })));
    expect(other).toEqual([]);
    const decided = await recordCritiques(db, null, [
      // An explicit decision wins over the score: approve with a low score still contradicts the rejection.
      {
        imageId: ids[5] ?? "",
        critic: "gap",
        critic_version: "1.0",
        score: 0.1,
        scale: "0-1",
        decision: "approve",
        reasons: [],
        raw: {},
      },
    ]);
    expect(decided).toHaveLength(1);
    expect((await select("critic_approved")).map((row) => row.id)).toEqual([ids[4], ids[5]]);
  });

  it("lists disagreements for export with what humans and the critic said", async () => {
    await seed("export", "1.0", cases);
    const rows = [];
    for await (const row of listDisagreementRows(db, { critic: "export", version: "1.0" })) rows.push(row);
    expect(rows.map((row) => [row.human_decision, row.critic_decision, row.score])).toEqual(
      expect.arrayContaining([
        ["approve", "reject", expect.closeTo(0.2, 5)],
        ["reject", "approve", expect.closeTo(0.7, 5)],
      ]),
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/), human_reasons: [] });
  });
});
