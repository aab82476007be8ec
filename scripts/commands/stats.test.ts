import { afterEach, describe, expect, it, vi } from "vitest";
import { seedInsightsLibrary } from "@/lib/insights/testing/seed-insights";
import { createTestContext } from "@/lib/testing/test-context";
import { runStats } from "./stats";

// The command reads its configuration from the environment, which the test context points at its own stack.
const context = await createTestContext();
await seedInsightsLibrary(context.db, 20);
afterEach(() => vi.restoreAllMocks());

const output = () => {
  const lines: string[] = [];
  const capture = (...parts: unknown[]) => void lines.push(parts.join(" "));
  vi.spyOn(console, "log").mockImplementation(capture);
  vi.spyOn(console, "error").mockImplementation(capture);
  return lines;
};

describe("cli stats", () => {
  it("prints the numbers as JSON or text, filtered by the selection's fields; a bad filter exits 2", async () => {
    let lines = output();
    expect(await runStats(["--json", "--model", "flux1-dev", "--status", "approved"])).toBe(0);
    const stats = JSON.parse(lines.join("\n"));
    expect(stats.by_model.map((group: { key: string }) => group.key)).toEqual(["flux1-dev"]);
    expect(stats.by_status.map((group: { key: string }) => group.key)).toEqual(["approved"]);
    lines = output();
    expect(await runStats([])).toBe(0);
    expect(lines.join("\n")).toMatch(/live images[\s\S]*By model[\s\S]*Review throughput/);
    lines = output();
    expect(await runStats(["--status", "nonsense"])).toBe(2);
    expect(lines.join("\n")).toContain("usage:");
  });
});
