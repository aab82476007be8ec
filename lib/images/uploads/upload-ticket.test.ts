import { describe, expect, it } from "vitest";
import { signUploadTicket, verifyUploadTicket } from "./upload-ticket";

const SECRET = "s".repeat(40);
const UPLOAD = "0b7f5c2e-6a55-4c8e-9b1e-3f0d2a4c5e6f";

describe("upload tickets", () => {
  it("return the upload id for the user who started it, before expiry", () => {
    const ticket = signUploadTicket(SECRET, UPLOAD, "user-a", 1_000);
    expect(verifyUploadTicket(SECRET, ticket, "user-a", 2_000)).toBe(UPLOAD);
  });

  it("refuse another user, another secret, a changed id, a forged signature and an expired ticket", () => {
    const ticket = signUploadTicket(SECRET, UPLOAD, "user-a", 1_000);
    const [, expires, signature] = ticket.split(".");
    expect(verifyUploadTicket(SECRET, ticket, "user-b", 2_000)).toBeNull();
    expect(verifyUploadTicket("t".repeat(40), ticket, "user-a", 2_000)).toBeNull();
    expect(
      verifyUploadTicket(
        SECRET,
        `00000000-0000-4000-8000-000000000000.${expires}.${signature}`,
        "user-a",
        2_000,
      ),
    ).toBeNull();
    expect(verifyUploadTicket(SECRET, `${UPLOAD}.${expires}.AAAA`, "user-a", 2_000)).toBeNull();
    expect(verifyUploadTicket(SECRET, ticket, "user-a", 1_000 + 3600 * 1000 + 1)).toBeNull();
    expect(verifyUploadTicket(SECRET, "garbage", "user-a", 2_000)).toBeNull();
  });
});
