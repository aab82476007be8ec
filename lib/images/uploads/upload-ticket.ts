import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";

const TICKET_TTL_MS = 3600 * 1000;

// A direct upload started from the upload page belongs to the signed-in person who started it. The ticket binds
// the upload id to that user with an HMAC under AUTH_SECRET, so no other session can complete it.
export function signUploadTicket(secret: string, uploadId: string, userId: string, now = Date.now()): string {
  const expires = now + TICKET_TTL_MS;
  return `${uploadId}.${expires}.${mac(secret, uploadId, userId, expires)}`;
}

/** The upload id, when the ticket is authentic, unexpired and this user's; null otherwise. */
export function verifyUploadTicket(
  secret: string,
  ticket: string,
  userId: string,
  now = Date.now(),
): string | null {
  const [uploadId, expiresText, signature] = ticket.split(".");
  const expires = Number(expiresText);
  if (!uploadId || !signature || !Number.isFinite(expires) || expires < now) return null;
  const expected = Buffer.from(mac(secret, uploadId, userId, expires));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? uploadId : null;
}

function mac(secret: string, uploadId: string, userId: string, expires: number): string {
  return createHmac("sha256", secret)
    .update(`upload-ticket|${uploadId}|${userId}|${expires}`)
    .digest("base64url");
}
