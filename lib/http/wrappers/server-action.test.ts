import { describe, expect, it } from "vitest";
import { z } from "zod";
import { action, formAction, stateAction } from "@/lib/http/wrappers/server-action";
import { ok } from "@/lib/result";

// What a server action runs with. React decodes `["$@5"]` (a part never sent) into an argument that is a promise;
// an action that ignores its input (sign out everywhere) ran with it, and one whose schema has only optional
// fields took it for "no input". Each wrapper now checks what the caller sent before the schema and the handler.
const neverSent = () => new Promise(() => {});
const formOf = (fields: Record<string, string>) => {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
};
const refused = (message: string) => ({ ok: false, error: { code: "invalid_request", message } });

describe("the server action wrappers take only what their page sends", () => {
  const ran: unknown[] = [];
  const record = (input: unknown) => {
    ran.push(input);
    return Promise.resolve(ok("ran"));
  };
  const optional = action(
    { name: "optional", access: "public", input: z.object({ note: z.string().optional() }) },
    async ({ input }) => record(input),
  );
  const noInput = action({ name: "noInput", access: "public" }, async () => record(undefined));

  it("an action with a schema runs on plain data or a form, and refuses anything else before its schema", async () => {
    expect(await optional({ note: "a" })).toEqual({ ok: true, data: "ran" });
    expect(await optional(formOf({ note: "b" }))).toEqual({ ok: true, data: "ran" });
    expect(await optional(neverSent())).toEqual(
      refused("This action takes plain data, not values of type Promise"),
    );
    expect(await optional({ note: "a", extra: new Map() })).toEqual(
      refused("This action takes plain data, not values of type Map"),
    );
    expect(await optional({ when: new Date(0) })).toEqual(
      refused("This action takes plain data, not values of type Date"),
    );
    const call = optional as (...args: unknown[]) => Promise<unknown>;
    expect(await call({ note: "a" }, neverSent())).toEqual(refused("This action takes one argument, not 2"));
    expect(ran).toEqual([{ note: "a" }, { note: "b" }]);
  });

  it("an action without a schema runs only when called with nothing (or an empty form)", async () => {
    ran.length = 0;
    expect(await noInput()).toEqual({ ok: true, data: "ran" });
    expect(await noInput(formOf({ $ACTION_ID_1: "" }))).toEqual({ ok: true, data: "ran" });
    for (const input of [neverSent(), {}, [], null, "x", 0])
      expect(await noInput(input)).toEqual(refused("This action takes no input"));
    expect(await noInput(formOf({ all: "sessions" }))).toEqual(refused("This action takes no fields"));
    expect(ran).toHaveLength(2);
  });

  it("a form's action refuses a call without its form, or with a promise for one", async () => {
    const runs: unknown[] = [];
    const doctor = stateAction(
      { name: "doctor", access: "public", input: z.object({ fix: z.literal("on").optional() }) },
      async ({ input }) => {
        runs.push(input);
        return ok("report");
      },
    );
    expect(await doctor(null, formOf({ fix: "on" }))).toEqual({ ok: true, data: "report" });
    const call = doctor as (...args: unknown[]) => Promise<unknown>;
    for (const args of [[], [neverSent()], [null, neverSent()], [null, {}], [null, formOf({}), "x"]])
      expect(await call(...args)).toEqual(refused("This action takes a form"));
    expect(runs).toEqual([{ fix: "on" }]);
  });

  it("a navigating form action without fields (sign out everywhere) ignores a call that is not its empty form", async () => {
    let signedOut = 0;
    const signOutEverywhere = formAction({ name: "signOutEverywhere", access: "public" }, async () => {
      signedOut += 1;
      return ok(undefined);
    });
    const call = signOutEverywhere as (...args: unknown[]) => Promise<unknown>;
    for (const args of [[neverSent()], [], ["\uFFFD"], [{}], [formOf({ x: "1" })], [neverSent(), formOf({})]])
      await call(...args);
    expect(signedOut).toBe(0);
    await signOutEverywhere(formOf({}));
    expect(signedOut).toBe(1);
  });
});
