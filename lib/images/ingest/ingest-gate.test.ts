import { describe, expect, it } from "vitest";
import { ok } from "@/lib/result";
import { createIngestGate } from "./ingest-gate";

describe("the ingest gate", () => {
  it("runs its number of ingests at once, in arrival order, and refuses past the waiting room", async () => {
    const slots = 2;
    const underIngestGate = createIngestGate(slots);
    const waitingRoom = slots * 8;
    let running = 0;
    let mostAtOnce = 0;
    const started: number[] = [];
    const releases: (() => void)[] = [];
    const task = (index: number) => async () => {
      started.push(index);
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise<void>((resolve) => releases.push(resolve));
      running -= 1;
      return ok(index);
    };
    const admitted = Array.from({ length: slots + waitingRoom }, (_, index) => underIngestGate(task(index)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const refused = await underIngestGate(task(-1));
    expect(refused).toMatchObject({
      ok: false,
      error: { code: "overloaded", details: { retry_after_seconds: 1 } },
    });

    while (started.length < admitted.length || releases.length > 0) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      releases.shift()?.();
    }
    const results = await Promise.all(admitted);
    expect(results.map((result) => result.ok && result.value)).toEqual(admitted.map((_, index) => index));
    expect(started).toEqual(admitted.map((_, index) => index));
    expect(mostAtOnce).toBe(slots);
    // Once the room has emptied, the next ingest is admitted again.
    expect(await underIngestGate(async () => ok("again"))).toEqual(ok("again"));
  });
});
