import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { clientIpOf } from "@/lib/auth/client-ip";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/get-db";
import { log } from "@/lib/logger";
import { verifyCredentials } from "../passwords/verify-credentials";
import { findUserForOAuth } from "../users/oauth-users";
import { createAuthLogger } from "./auth-logger";

/** Carries our error code to the sign-in form (Auth.js only passes `code` through). */
class SignInRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

// Sessions are signed JWT cookies (they survive restarts: AUTH_SECRET is stable). Each carries the user's
// session_version; requireUser compares it with the database, so "sign out everywhere" and disabling a user take
// effect on the next request.
export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const config = getConfig();
  return {
    secret: config.authSecret,
    trustHost: true,
    logger: createAuthLogger(log),
    session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      Credentials({
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials, request) {
          const result = await verifyCredentials(getDb(), {
            email: String(credentials.email ?? ""),
            password: String(credentials.password ?? ""),
            ip: clientIpOf(request.headers, config.trustProxy),
            windowSeconds: config.auth.loginRateWindowSeconds,
          });
          if (!result.ok)
            throw new SignInRefused(
              result.error.code === "rate_limited" ? result.error.message : "wrong_credentials",
            );
          return {
            id: result.value.id,
            email: result.value.email,
            name: result.value.name,
            sessionVersion: result.value.sessionVersion,
          };
        },
      }),
      ...(config.auth.github ? [GitHub(config.auth.github)] : []),
      ...(config.auth.google ? [Google(config.auth.google)] : []),
    ],
    callbacks: {
      // OAuth sign-in only for people an admin already created (matched by verified e-mail): no self sign-up.
      async signIn({ user, account }) {
        if (!account || account.provider === "credentials") return true;
        const known = await findUserForOAuth(getDb(), user.email ?? null);
        if (!known) return "/sign-in?error=AccessDenied";
        user.id = known.id;
        user.sessionVersion = known.sessionVersion;
        return true;
      },
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sessionVersion = user.sessionVersion ?? 1;
        }
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        session.sessionVersion = token.sessionVersion;
        return session;
      },
    },
  };
});
