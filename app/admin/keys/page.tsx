import type { Metadata } from "next";
import { TableScroll } from "@/components/ui/table-scroll";
import { listApiKeys } from "@/lib/auth/keys/manage-api-keys";
import { requireUser } from "@/lib/auth/session/session";
import { getDb } from "@/lib/db/get-db";
import { CreateApiKeyForm, RevokeApiKeyForm } from "./key-forms";

export const metadata: Metadata = { title: "API keys" };

const formatDate = (date: Date | null) => (date ? date.toISOString().replace("T", " ").slice(0, 16) : "—");

export default async function ApiKeysPage() {
  await requireUser("admin");
  const keys = await listApiKeys(getDb());
  return (
    <section className="mx-auto max-w-5xl space-y-8">
      <h1 className="text-2xl font-semibold">API keys</h1>
      <CreateApiKeyForm />
      <TableScroll label="API keys">
        <table className="w-full text-left text-sm">
          <thead className="text-neutral-500">
            <tr>
              <th className="py-2">Name</th>
              <th>Prefix</th>
              <th>Scopes</th>
              <th>Last used</th>
              <th>Expires</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr key={key.id} className="border-t border-neutral-800" data-testid={`api-key-${key.prefix}`}>
                <td className="py-2">{key.name}</td>
                <td className="font-mono">{key.prefix}</td>
                <td>{key.scopes.join(", ")}</td>
                <td>
                  {formatDate(key.lastUsedAt)}
                  {key.lastUsedIp ? <span className="text-neutral-500"> from {key.lastUsedIp}</span> : null}
                </td>
                <td>{formatDate(key.expiresAt)}</td>
                <td>
                  {key.revokedAt ? (
                    <span className="text-neutral-500">revoked</span>
                  ) : (
                    <RevokeApiKeyForm keyId={key.id} name={key.name} />
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
