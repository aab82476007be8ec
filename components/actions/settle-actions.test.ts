import { describe, expect, it } from "vitest";
import type { ActionResult } from "@/lib/http/wrappers/action-result";
import { settled } from "./settle-actions";

describe("settled", () => {
  it("passes answers through, and answers a lost request as a failure instead of throwing", async () => {
    const answered = async (input: unknown): Promise<ActionResult<string>> => ({
      ok: true,
      data: String(input),
    });
    const lost = async (_input: unknown): Promise<ActionResult<string>> => {
      throw new TypeError("Failed to fetch");
    };
    await expect(settled(answered)("x")).resolves.toEqual({ ok: true, data: "x" });
    const failure = await settled(lost)("x");
    expect(failure.ok).toBe(false);
    if (!failure.ok) expect(failure.error.message).toMatch(/did not answer.*may not have been saved/);
  });

  it("gives one function per action, so hooks that depend on it do not run again on every render", () => {
    const action = async (): Promise<ActionResult> => ({ ok: true, data: undefined });
    expect(settled(action)).toBe(settled(action));
    expect(settled(action)).not.toBe(action);
  });
});
