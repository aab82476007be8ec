import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/session/session";
import { listCritics } from "@/lib/critics/list-critics";
import { getDb } from "@/lib/db/get-db";
import { CriticThresholdForm } from "./critic-threshold-form";

export const metadata: Metadata = { title: "Critic thresholds" };

export default async function CriticSettingsPage() {
  await requireUser("admin");
  const critics = await listCritics(getDb());
  return (
    <section className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">Critic thresholds</h1>
      <p className="text-sm text-neutral-400">
        A critique with a decision (approve or reject) counts as that decision. One without a decision
        approves when its normalised score (0–1) reaches the critic's threshold, 0.5 unless set here.
        Disagreement with the humans' consensus, the gallery filter and the critic reports follow a change at
        once.
      </p>
      {critics.length === 0 ? (
        <p className="text-neutral-500">No critic has posted a critique yet.</p>
      ) : (
        <ul className="divide-y divide-neutral-800 rounded border border-neutral-800">
          {critics.map((critic) => (
            <li key={critic.critic} className="space-y-2 p-3" data-critic={critic.critic}>
              <div className="flex items-baseline justify-between gap-2">
                <Link
                  href={`/critics/${encodeURIComponent(critic.critic)}`}
                  className="font-medium underline"
                >
                  {critic.critic}
                </Link>
                <span className="text-xs text-neutral-500">
                  {critic.versions.map((version) => version.version).join(", ") || "no critiques"}
                  {critic.hasOwnThreshold ? "" : " · default threshold"}
                </span>
              </div>
              <CriticThresholdForm critic={critic.critic} threshold={critic.approveThreshold} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
