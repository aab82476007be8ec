import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/session/session";
import { listCritics } from "@/lib/critics/list-critics";
import { getDb } from "@/lib/db/get-db";

export const metadata: Metadata = { title: "Critics" };

export default async function CriticsPage() {
  await requireUser("viewer");
  const critics = await listCritics(getDb());
  return (
    <section className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">Critics</h1>
      <p className="text-sm text-neutral-400">
        Automated critics post scores through the API. Each report compares a critic version with the humans'
        consensus on approved and rejected images.
      </p>
      {critics.length === 0 ? (
        <p className="text-neutral-500">No critic has posted a critique yet.</p>
      ) : (
        <ul className="divide-y divide-neutral-800 rounded border border-neutral-800">
          {critics.map((critic) => (
            <li key={critic.critic} className="p-3">
              <div className="font-medium">{critic.critic}</div>
              <ul className="mt-1 flex flex-wrap gap-3 text-sm">
                {critic.versions.map((version) => (
                  <li key={version.version}>
                    <Link
                      className="underline"
                      href={`/critics/${encodeURIComponent(critic.critic)}?version=${encodeURIComponent(version.version)}`}
                    >
                      {version.version}
                    </Link>{" "}
                    <span className="text-neutral-500">{version.current} images</span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
