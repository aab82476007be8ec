import { describe, expect, it } from "vitest";
import type { TrustProxy } from "@/lib/config";
import { clientIpOf } from "./client-ip";

const headers = (entries: Record<string, string>) => new Headers(entries);
const NONE: TrustProxy = { kind: "none" };

describe("clientIpOf", () => {
  it("with no proxy, ignores what the client wrote and keeps the connecting address (the last entry)", () => {
    // scripts/serve-app.ts writes the connecting address; a client's own header cannot move its address.
    expect(clientIpOf(headers({ "x-forwarded-for": "10.9.9.9, 203.0.113.7" }), NONE)).toBe("203.0.113.7");
    expect(clientIpOf(headers({ "x-forwarded-for": "::1" }), NONE)).toBe("::1");
    expect(clientIpOf(headers({ "x-real-ip": "10.9.9.9" }), NONE)).toBeNull();
    expect(clientIpOf(headers({}), NONE)).toBeNull();
  });

  it("on Vercel, reads Vercel's own header only", () => {
    const trust: TrustProxy = { kind: "vercel" };
    expect(clientIpOf(headers({ "x-real-ip": "198.51.100.4", "x-forwarded-for": "10.9.9.9" }), trust)).toBe(
      "198.51.100.4",
    );
    expect(clientIpOf(headers({ "x-forwarded-for": "10.9.9.9" }), trust)).toBeNull();
  });

  it("with N proxies, takes the address the outermost of them saw", () => {
    const forwarded = { "x-forwarded-for": "10.9.9.9, 198.51.100.4, 10.0.0.2" };
    expect(clientIpOf(headers(forwarded), { kind: "hops", hops: 1 })).toBe("10.0.0.2");
    expect(clientIpOf(headers(forwarded), { kind: "hops", hops: 2 })).toBe("198.51.100.4");
    // Fewer entries than proxies: the request did not come through them.
    expect(clientIpOf(headers({ "x-forwarded-for": "10.9.9.9" }), { kind: "hops", hops: 2 })).toBeNull();
  });

  it("with proxy CIDRs, skips trusted proxies from the right and stops at the first other address", () => {
    const trust: TrustProxy = { kind: "cidrs", cidrs: ["10.0.0.0/8", "fd00::/8"] };
    expect(
      clientIpOf(headers({ "x-forwarded-for": "10.9.9.9, 198.51.100.4, 10.0.0.2, fd00::1" }), trust),
    ).toBe("198.51.100.4");
    expect(clientIpOf(headers({ "x-forwarded-for": "10.1.1.1, 10.0.0.2" }), trust)).toBe("10.1.1.1");
    expect(clientIpOf(headers({ "x-forwarded-for": "nonsense, 10.0.0.2" }), trust)).toBeNull();
  });

  it("answers only addresses Postgres' inet accepts", () => {
    for (const forged of ["1.2.3.4; drop", "999.1.1.1", "' or 1=1", "::g", "1.2.3.4/8"]) {
      expect(clientIpOf(headers({ "x-forwarded-for": forged }), NONE)).toBeNull();
    }
  });
});
