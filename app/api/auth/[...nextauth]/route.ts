// Auth.js endpoints (sign-in, callback, session, sign-out, CSRF token). Auth.js checks its own CSRF token on every
// POST, and these routes act only on the caller's own session.
import { handlers } from "@/lib/auth/session/auth";

export const { GET, POST } = handlers;
