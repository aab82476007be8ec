import type { Metadata } from "next";
import { Button, Field, Select, TextInput } from "@/components/ui/form-controls";
import { requireUser } from "@/lib/auth/session/session";
import { getDb } from "@/lib/db/get-db";
import { type CleanupPolicyInput, cleanupPolicySchema } from "@/lib/images/lifecycle/cleanup-policy";
import { planCleanup } from "@/lib/images/lifecycle/plan-cleanup";
import { ActOnPlanForm } from "./act-on-plan-form";

export const metadata: Metadata = { title: "Cleanup" };

const FIELDS = ["policy", "older_than", "model", "keep", "per"] as const;

/** The policy in the query string (a GET form), or the default "rejected older than 30d". */
function policyFrom(params: Record<string, string | string[] | undefined>): Record<string, string> {
  const policy: Record<string, string> = {};
  for (const field of FIELDS) {
    const raw = params[field];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value) policy[field] = value;
  }
  return Object.keys(policy).length > 0 ? policy : { policy: "rejected", older_than: "30d" };
}

export default async function CleanupPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireUser("admin");
  const asked = policyFrom(await searchParams);
  const checked = cleanupPolicySchema.safeParse(asked);
  const plan = checked.success ? await planCleanup(getDb(), asked as CleanupPolicyInput) : null;
  return (
    <section className="mx-auto max-w-5xl space-y-6">
      <h1 className="text-2xl font-semibold">Cleanup</h1>
      <p className="text-sm text-neutral-400">
        A policy is planned first: what it would remove and what protects the rest (approved, approved by a
        reviewer, in a dataset or a frozen version, posted again). Also <code>npm run cli -- cleanup</code>{" "}
        and MCP&apos;s <code>plan_cleanup</code>.
      </p>
      <form method="get" className="flex flex-wrap items-end gap-3 text-sm">
        <Field label="Policy">
          <Select name="policy" defaultValue={asked.policy ?? "rejected"}>
            <option value="rejected">rejected (or deleted) older than</option>
            <option value="older_than">one model&apos;s images older than</option>
            <option value="keep_newest">keep the newest N per model or run</option>
          </Select>
        </Field>
        <Field label="Older than">
          <TextInput
            name="older_than"
            defaultValue={asked.older_than ?? ""}
            placeholder="30d"
            className="w-24"
          />
        </Field>
        <Field label="Model">
          <TextInput name="model" defaultValue={asked.model ?? ""} placeholder="older_than only" />
        </Field>
        <Field label="Keep">
          <TextInput name="keep" defaultValue={asked.keep ?? ""} placeholder="N" className="w-20" />
        </Field>
        <Field label="Per">
          <Select name="per" defaultValue={asked.per ?? ""}>
            <option value="">—</option>
            <option value="model">model</option>
            <option value="run">run</option>
          </Select>
        </Field>
        <Button type="submit" variant="secondary">
          Plan
        </Button>
      </form>
      {checked.success && plan ? (
        <div className="space-y-3" data-testid="cleanup-plan">
          <p>
            <strong>{plan.would_remove}</strong> would be removed, <strong>{plan.protected}</strong> protected
            {plan.cutoff ? ` (cutoff ${plan.cutoff.slice(0, 19).replace("T", " ")} UTC)` : ""}.
          </p>
          <ActOnPlanForm policy={checked.data} wouldRemove={plan.would_remove} />
          <table className="w-full text-left text-sm">
            <thead className="text-neutral-500">
              <tr>
                <th className="py-2">Image</th>
                <th>Model</th>
                <th>Made</th>
                <th>Plan</th>
              </tr>
            </thead>
            <tbody>
              {plan.items.map((item) => (
                <tr key={item.id} className="border-t border-neutral-800 align-top">
                  <td className="py-2 font-mono text-xs">
                    <a href={`/images/${item.id}`} className="text-sky-400 hover:underline">
                      {item.id.slice(0, 8)}
                    </a>
                  </td>
                  <td>{item.model ?? "—"}</td>
                  <td>{item.created_at.slice(0, 10)}</td>
                  <td>
                    {item.would_remove ? `remove (${item.reason})` : `keep: ${item.protected_by.join(", ")}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <ul role="alert" className="text-sm text-red-400">
          {checked.error?.issues.map((issue) => (
            <li key={`${issue.path.join(".")}${issue.message}`}>{issue.message}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
