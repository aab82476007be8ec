// What our callbacks in lib/auth/session/auth.ts add to Auth.js's objects: the user's session_version travels from
// sign-in (User) through the JWT cookie to the session, where findSessionUser compares it with the database.
import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface User {
    sessionVersion?: number;
  }
  interface Session {
    sessionVersion?: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sessionVersion?: number;
  }
}
