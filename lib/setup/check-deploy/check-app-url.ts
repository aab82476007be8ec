import "server-only";
import { type DeployCheck, fail, isLoopback, pass } from "./deploy-check";

/**
 * APP_URL names the origin the app is served from: sign-in callbacks, CORS and links are built from it.
 * It must be a bare origin (https unless on this machine), and its /api/health must be this app's,
 * answered there without a redirect to another origin (http→https, apex→www are the usual slips).
 */
export async function checkAppUrl(appUrl: string): Promise<DeployCheck> {
  const name = "APP_URL";
  const url = new URL(appUrl);
  if (url.origin !== appUrl) return fail(name, `${appUrl} is not a bare origin; use ${url.origin}`);
  if (url.protocol !== "https:" && !isLoopback(appUrl)) return fail(name, `${appUrl} must use https`);
  let response: Response;
  try {
    response = await fetch(`${appUrl}/api/health`, {
      redirect: "manual",
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    return fail(
      name,
      `${appUrl}/api/health did not answer (${error instanceof Error ? error.message : error})`,
    );
  }
  if (response.status >= 300 && response.status < 400) {
    return fail(
      name,
      `${appUrl} redirects to ${response.headers.get("location")}: set APP_URL to where the app answers`,
    );
  }
  const body = (await response.json().catch(() => null)) as { db?: unknown; storage?: unknown } | null;
  if (!body || body.db === undefined || body.storage === undefined) {
    return fail(
      name,
      `${appUrl}/api/health answered ${response.status} but not as Lightbox: another site is there`,
    );
  }
  return pass(
    name,
    `${appUrl} serves this app (health ${response.status}, database ${body.db}, storage ${body.storage})`,
  );
}
