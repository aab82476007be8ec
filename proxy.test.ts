import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { createTestContext } from "@/lib/testing/test-context";

// The storage origin the policy names comes from the configured object store.
await createTestContext();
const { proxy } = await import("./proxy");

const request = (
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
) =>
  new NextRequest(new URL(path, "http://localhost:3000"), {
    method: init.method ?? "GET",
    headers: { host: "localhost:3000", ...init.headers },
    body: init.body,
  });
const policyOf = async (path: string, init?: Parameters<typeof request>[1]) =>
  (await proxy(request(path, init))).headers.get("content-security-policy");

describe("proxy.ts: the nonce-based Content-Security-Policy", () => {
  it("gives every page document a policy with a nonce of its own", async () => {
    const [first, second] = [await policyOf("/review"), await policyOf("/review")];
    const nonceOf = (policy: string | null) => policy?.match(/script-src 'self' 'nonce-([^']+)'/)?.[1];
    expect(nonceOf(first)).toBeTruthy();
    expect(nonceOf(second)).toBeTruthy();
    expect(nonceOf(first)).not.toBe(nonceOf(second));
    expect(first).toContain("frame-ancestors 'none'");
  });

  it("gives a form posted before the page hydrated (no Next-Action header) a policy: it is answered with a document", async () => {
    const policy = await policyOf("/account/password", {
      method: "POST",
      headers: {
        origin: "http://localhost:3000",
        "content-type": "application/x-www-form-urlencoded",
        "content-length": "3",
      },
    });
    expect(policy).toContain("'nonce-");
  });

  it("spends no nonce on answers that are not documents: a prefetch, the API (a server action called by script: e2e/user-text.spec.ts, React's decoder needs the server's build)", async () => {
    expect(await policyOf("/review", { headers: { "next-router-prefetch": "1" } })).toBeNull();
    expect(await policyOf("/api/v1/images")).toBeNull();
  });
});
