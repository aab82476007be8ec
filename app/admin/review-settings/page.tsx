import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session/session";
import { getDb } from "@/lib/db/get-db";
import { findReviewRule } from "@/lib/review/find-review-rule";
import { ReviewRuleForm } from "./review-rule-form";

export const metadata: Metadata = { title: "Review rule" };

export default async function ReviewSettingsPage() {
  await requireUser("admin");
  const rule = await findReviewRule(getDb());
  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold">Consensus rule</h1>
      <p className="text-sm text-neutral-400">
        Each reviewer keeps their own decision per image; the image's status follows from all of them. Any
        approve together with any reject makes it <strong>conflicting</strong>. Otherwise it is approved (or
        rejected) once it has the number of approves (or rejects) set here, skipped when it has only skips,
        and unreviewed until then. Saving re-derives the status of every reviewed image.
      </p>
      <ReviewRuleForm rule={rule} />
    </section>
  );
}
