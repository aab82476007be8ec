import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./safe-redirect";

const ORIGIN = "http://localhost:3000";

// Pieces browsers treat specially in a Location value: separators, whitespace they drop, backslashes they read
// as slashes, dot segments, encoded forms, schemes and hosts.
const PIECES = [
  "/",
  "//",
  "/\\",
  "\\",
  "\t",
  "\r",
  "\n",
  "\r\n",
  " ",
  "\u0000",
  "\u000b",
  "%09",
  "%0d%0a",
  "%2f",
  "%2F",
  "%5c",
  "%252f",
  ".",
  "..",
  "./",
  "../",
  "@",
  ":",
  "?",
  "#",
  "evil.example",
  "localhost:3000",
  "http:",
  "https:",
  "javascript:",
  "data:",
  "a",
  "b/c",
  "é",
  "\u3000",
  "\u2028",
  "%00",
  "Set-Cookie:x=1",
];

/** Deterministic (mulberry32), so a failure names a seed that reproduces it. */
function randomOf(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function candidate(random: () => number): string {
  const length = 1 + Math.floor(random() * 6);
  const parts = Array.from({ length }, () => PIECES[Math.floor(random() * PIECES.length)] ?? "");
  return random() < 0.7 ? `/${parts.join("")}` : parts.join("");
}

/** What a browser does with the answer as a Location header on our origin. */
function expectSameOriginPath(next: string, answer: string) {
  const context = `${JSON.stringify(next)} → ${JSON.stringify(answer)}`;
  expect(answer.startsWith("/"), context).toBe(true);
  expect(answer.startsWith("//"), context).toBe(false);
  // Header-safe: printable ASCII only (no CR/LF/tab, nothing Node refuses in a header).
  expect(/^[\x21-\x7e]*$/.test(answer), context).toBe(true);
  const followed = new URL(answer, ORIGIN);
  expect(followed.origin, context).toBe(ORIGIN);
  // Stable: the answer is already what a browser would make of it.
  expect(`${followed.pathname}${followed.search}${followed.hash}`, context).toBe(answer);
}

describe("safeRedirectPath", () => {
  it.each([
    ["/\t/evil.example", "/"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["/\\\\evil.example", "/"],
    ["\\/evil.example", "/"],
    ["/.//evil.example", "/"],
    ["/a/..//evil.example", "/"],
    ["/\r\n/evil.example", "/"],
    ["https://evil.example/x", "/"],
    ["http://localhost:3000.evil.example/", "/"],
    ["javascript:alert(1)", "/"],
    ["", "/"],
    [null, "/"],
    [undefined, "/"],
  ])("refuses %j", (next, expected) => {
    expect(safeRedirectPath(next, ORIGIN)).toBe(expected);
  });

  it.each([
    ["/", "/"],
    ["/images/42?tab=meta#x", "/images/42?tab=meta#x"],
    ["/datasets/a%2Fb", "/datasets/a%2Fb"],
    ["/caf\u00e9", "/caf%C3%A9"],
    // CR/LF vanish when a browser parses it; the answer must never carry them into a header (that was a 500).
    ["/\r\nSet-Cookie:x=1", "/Set-Cookie:x=1"],
  ])("keeps the same-origin path %j", (next, expected) => {
    expect(safeRedirectPath(next, ORIGIN)).toBe(expected);
  });

  it("answers only header-safe same-origin paths for 20,000 generated inputs", () => {
    for (let seed = 1; seed <= 20_000; seed += 1) {
      const next = candidate(randomOf(seed));
      expectSameOriginPath(next, safeRedirectPath(next, ORIGIN));
    }
  });
});
