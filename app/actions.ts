"use server";

import { signOut } from "@/lib/auth/auth";

// Ends the caller's own session only; needs no role (an anonymous call just lands on the sign-in page).
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}
