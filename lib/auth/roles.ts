import type { USER_ROLES } from "@/db/schema";

export type UserRole = (typeof USER_ROLES)[number];

// admin ⊃ reviewer ⊃ viewer: a page or action names the least role it needs.
const RANK: Record<UserRole, number> = { viewer: 1, reviewer: 2, admin: 3 };

export function hasRole(role: UserRole, required: UserRole): boolean {
  return RANK[role] >= RANK[required];
}

/** Who is signed in, as the app needs it on every request (loaded fresh from the database each time). */
export type SessionUser = {
  id: string;
  email: string;
  name: string | null;
  role: UserRole;
  mustChangePassword: boolean;
};
