// Client-safe leaf (imports nothing): the users CHECK constraint, the zod schemas and the role pickers derive from it.

export const USER_ROLES = ["admin", "reviewer", "viewer"] as const;
export type UserRole = (typeof USER_ROLES)[number];

// admin ⊃ reviewer ⊃ viewer: a page or action names the least role it needs.
const RANK: Record<UserRole, number> = { viewer: 1, reviewer: 2, admin: 3 };

/** The roles from least to most, as the role pickers list them. */
export const USER_ROLES_BY_RANK = [...USER_ROLES].sort((a, b) => RANK[a] - RANK[b]);

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
