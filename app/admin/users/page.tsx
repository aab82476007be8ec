import type { Metadata } from "next";
import { TableScroll } from "@/components/ui/table-scroll";
import { requireUser } from "@/lib/auth/session/session";
import { listUsers } from "@/lib/auth/users/manage-users";
import { getDb } from "@/lib/db/get-db";
import { CreateUserForm } from "./create-user-form";
import { DisableForm, RoleForm } from "./user-row-forms";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const me = await requireUser("admin");
  const users = await listUsers(getDb());
  return (
    <section className="mx-auto max-w-5xl space-y-8">
      <h1 className="text-2xl font-semibold">Users</h1>
      <CreateUserForm />
      <TableScroll label="Users">
        <table className="w-full text-left text-sm">
          <thead className="text-neutral-500">
            <tr>
              <th className="py-2">E-mail</th>
              <th>Name</th>
              <th>Role</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id} className="border-t border-neutral-800">
                <td className="py-2 [overflow-wrap:anywhere]">{user.email}</td>
                <td>{user.name}</td>
                <td>
                  <RoleForm userId={user.id} email={user.email} role={user.role} />
                </td>
                <td>
                  {user.id === me.id ? (
                    <span className="text-neutral-500">you</span>
                  ) : (
                    <DisableForm userId={user.id} isDisabled={Boolean(user.disabledAt)} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
