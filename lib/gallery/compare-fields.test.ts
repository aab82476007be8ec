import { describe, expect, it } from "vitest";
import type { ImageRecord } from "@/lib/images/record/image-record";
import { compareFields } from "./compare-fields";

const record = (fields: Partial<ImageRecord>) =>
  ({
    width: 64,
    height: 64,
    loras: [],
    run: null,
    created_at: "2026-01-01T00:00:00.000Z",
    ...fields,
  }) as ImageRecord;

describe("compareFields", () => {
  it("does not light up whitespace-only differences, but does light up real ones", () => {
    const rows = compareFields([
      record({ prompt: "a castle,  at dusk\n", seed: "1" }),
      record({ prompt: "a castle, at dusk", seed: "2" }),
    ]);
    const differs = Object.fromEntries(rows.map((row) => [row.label, row.differs]));
    expect(differs.Prompt).toBe(false);
    expect(differs.Seed).toBe(true);
  });
});
