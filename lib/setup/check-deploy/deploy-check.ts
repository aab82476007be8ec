/** One line of `check-deploy`: pass ✓, fail ✗ (exit 1), warn ! (said plainly, does not fail), skip –. */
export type DeployCheck = { name: string; status: "pass" | "fail" | "warn" | "skip"; detail: string };

export const pass = (name: string, detail: string): DeployCheck => ({ name, status: "pass", detail });
export const fail = (name: string, detail: string): DeployCheck => ({ name, status: "fail", detail });
export const warn = (name: string, detail: string): DeployCheck => ({ name, status: "warn", detail });
export const skip = (name: string, detail: string): DeployCheck => ({ name, status: "skip", detail });

const MARKS = { pass: "✓", fail: "✗", warn: "!", skip: "–" } as const;

export function formatCheck(check: DeployCheck): string {
  return `${MARKS[check.status]} ${check.name}: ${check.detail}`;
}

/** Loopback endpoints are reachable from this machine only: a missing protection there is a warning. */
export function isLoopback(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || /^127\./.test(host);
}
