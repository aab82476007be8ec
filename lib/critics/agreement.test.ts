import { describe, expect, it } from "vitest";
import { agreementRate, cohensKappa, confusionMatrix } from "./agreement";

const LABELS = ["approve", "reject"] as const;

describe("confusion matrix and Cohen's kappa (hand-computed)", () => {
  it("counts pairs by human row and critic column, skipping labels outside the matrix", () => {
    const matrix = confusionMatrix(LABELS, [
      { human: "approve", critic: "approve" },
      { human: "approve", critic: "approve" },
      { human: "approve", critic: "reject" },
      { human: "reject", critic: "approve", count: 4 },
      { human: "skip", critic: "approve" },
    ]);
    expect(matrix.counts).toEqual([
      [2, 1],
      [4, 0],
    ]);
    expect(matrix.total).toBe(7);
  });

  it("matches the textbook example: 20/5/10/15 gives p_o 0.7, p_e 0.5, kappa 0.4", () => {
    // Humans approve 25 of 50, the critic 30 of 50: p_e = 0.5·0.6 + 0.5·0.4 = 0.5; p_o = 35/50 = 0.7.
    const matrix = confusionMatrix(LABELS, [
      { human: "approve", critic: "approve", count: 20 },
      { human: "approve", critic: "reject", count: 5 },
      { human: "reject", critic: "approve", count: 10 },
      { human: "reject", critic: "reject", count: 15 },
    ]);
    expect(agreementRate(matrix)).toBeCloseTo(0.7, 12);
    expect(cohensKappa(matrix)).toBeCloseTo(0.4, 12);
  });

  it("an unbalanced case: 45/15/25/15 gives p_o 0.6, p_e 0.54, kappa 0.06/0.46", () => {
    // Row totals 60/40, column totals 70/30 of 100: p_e = 0.6·0.7 + 0.4·0.3 = 0.54.
    const matrix = confusionMatrix(LABELS, [
      { human: "approve", critic: "approve", count: 45 },
      { human: "approve", critic: "reject", count: 15 },
      { human: "reject", critic: "approve", count: 25 },
      { human: "reject", critic: "reject", count: 15 },
    ]);
    expect(cohensKappa(matrix)).toBeCloseTo(0.06 / 0.46, 12);
  });

  it("perfect agreement is 1, systematic disagreement is negative, and degenerate cases are null", () => {
    const perfect = confusionMatrix(LABELS, [
      { human: "approve", critic: "approve", count: 3 },
      { human: "reject", critic: "reject", count: 2 },
    ]);
    expect(cohensKappa(perfect)).toBe(1);
    const opposite = confusionMatrix(LABELS, [
      { human: "approve", critic: "reject", count: 5 },
      { human: "reject", critic: "approve", count: 5 },
    ]);
    // p_o 0, p_e 0.5 → −1
    expect(cohensKappa(opposite)).toBe(-1);
    expect(cohensKappa(confusionMatrix(LABELS, []))).toBeNull();
    expect(agreementRate(confusionMatrix(LABELS, []))).toBeNull();
    expect(
      cohensKappa(confusionMatrix(LABELS, [{ human: "approve", critic: "approve", count: 9 }])),
    ).toBeNull();
  });

  it("works for more than two labels: a 3×3 case", () => {
    // diag 10+8+8 = 26 of 40 → p_o 0.65; rows 14/14/12, columns 12/16/12:
    // p_e = (14·12 + 14·16 + 12·12) / 1600 = 536/1600 = 0.335; kappa = 0.315/0.665
    const labels = ["a", "b", "c"] as const;
    const matrix = confusionMatrix(labels, [
      { human: "a", critic: "a", count: 10 },
      { human: "a", critic: "b", count: 4 },
      { human: "b", critic: "a", count: 2 },
      { human: "b", critic: "b", count: 8 },
      { human: "b", critic: "c", count: 4 },
      { human: "c", critic: "b", count: 4 },
      { human: "c", critic: "c", count: 8 },
    ]);
    expect(agreementRate(matrix)).toBeCloseTo(0.65, 12);
    expect(cohensKappa(matrix)).toBeCloseTo(0.315 / 0.665, 12);
  });
});
