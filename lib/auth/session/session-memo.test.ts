import { AsyncLocalStorage } from "node:async_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { createSessionMemo, sessionCookieKey } from "./session-memo";

function counted<T>(answer: () => Promise<T>) {
  const decode = () => {
    decode.calls += 1;
    return answer();
  };
  decode.calls = 0;
  return decode;
}

describe("createSessionMemo", () => {
  it("decodes a cookie value once while it is fresh, concurrent requests included, and again after ttlMs", async () => {
    let clock = 1_000;
    const memo = createSessionMemo<string>({ ttlMs: 60_000, maxEntries: 10, now: () => clock });
    const decode = counted(async () => "alice");
    const answers = await Promise.all([memo.read("a", decode), memo.read("a", decode)]);
    expect(answers).toEqual(["alice", "alice"]);
    clock += 59_999;
    expect(await memo.read("a", decode)).toBe("alice");
    expect(decode.calls).toBe(1);
    clock += 1;
    expect(await memo.read("a", decode)).toBe("alice");
    expect(decode.calls).toBe(2);
    expect(memo.size()).toBe(1);
  });

  it("keeps each cookie value's own answer, null (no session) included", async () => {
    const memo = createSessionMemo<string | null>({ ttlMs: 60_000, maxEntries: 10 });
    const forged = counted(async () => null);
    expect(await memo.read("a", async () => "alice")).toBe("alice");
    expect(await memo.read("b", async () => "bob")).toBe("bob");
    expect(await memo.read("forged", forged)).toBeNull();
    expect(await memo.read("forged", forged)).toBeNull();
    expect(forged.calls).toBe(1);
    expect(await memo.read("a", async () => "not asked")).toBe("alice");
  });

  it("does not keep a failed decode: the next request decodes again", async () => {
    const memo = createSessionMemo<string>({ ttlMs: 60_000, maxEntries: 10 });
    const failing = counted(() => Promise.reject(new Error("database down")));
    await expect(memo.read("a", failing)).rejects.toThrow("database down");
    expect(memo.size()).toBe(0);
    expect(await memo.read("a", async () => "alice")).toBe("alice");
    expect(failing.calls).toBe(1);
  });

  it("keeps no request alive: it holds the answer, not the promise made in the request's context", async () => {
    setFlagsFromString("--expose-gc");
    const collectGarbage = runInNewContext("gc") as () => void;
    const storage = new AsyncLocalStorage<{ body: Uint8Array }>();
    const memo = createSessionMemo<string>({ ttlMs: 60_000, maxEntries: 10 });
    const request = await (async () => {
      const store = { body: new Uint8Array(1 << 20) };
      await storage.run(store, () => memo.read("a", async () => "alice"));
      return new WeakRef(store);
    })();
    for (let round = 0; round < 10 && request.deref(); round += 1) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      collectGarbage();
    }
    expect(request.deref()).toBeUndefined();
    expect(await memo.read("a", async () => "not asked")).toBe("alice");
  });

  it("holds at most maxEntries, dropping the oldest first", async () => {
    const memo = createSessionMemo<number>({ ttlMs: 60_000, maxEntries: 3 });
    for (const [index, key] of ["a", "b", "c", "d"].entries()) await memo.read(key, async () => index);
    expect(memo.size()).toBe(3);
    const again = counted(async () => 10);
    expect(await memo.read("a", again)).toBe(10);
    expect(again.calls).toBe(1);
    expect(await memo.read("d", async () => -1)).toBe(3);
  });
});

describe("sessionCookieKey", () => {
  it("is built from Auth.js's session cookies alone, in any order, chunks and the __Secure- prefix included", () => {
    const key = sessionCookieKey([
      { name: "authjs.session-token.1", value: "second" },
      { name: "theme", value: "dark" },
      { name: "authjs.session-token.0", value: "first" },
      { name: "authjs.csrf-token", value: "csrf" },
    ]);
    expect(key).toBe("authjs.session-token.0=first;authjs.session-token.1=second");
    expect(sessionCookieKey([{ name: "__Secure-authjs.session-token", value: "v" }])).toBe(
      "__Secure-authjs.session-token=v",
    );
  });

  it("is null without a session cookie, so an anonymous request decodes nothing", () => {
    expect(sessionCookieKey([])).toBeNull();
    expect(sessionCookieKey([{ name: "xauthjs.session-token", value: "v" }])).toBeNull();
  });
});
