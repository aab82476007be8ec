import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session/session";
import { getDb } from "@/lib/db/get-db";
import { listTags } from "@/lib/tags/list-tags";
import { RESERVED_REVIEW_KEYS } from "@/lib/tags/reserved-hotkeys";
import { TagForm } from "./tag-forms";

export const metadata: Metadata = { title: "Tags" };

export default async function TagsPage() {
  await requireUser("admin");
  const tags = await listTags(getDb());
  return (
    <section className="mx-auto max-w-4xl space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">Reason tags and labels</h1>
        <p className="text-sm text-neutral-400">
          Reviewers pick these in review mode (T, or a tag's own hotkey). Hotkeys are one letter or digit;
          review mode keeps {RESERVED_REVIEW_KEYS.join(" ")} for itself. Reviewers can add plain labels
          inline.
        </p>
      </div>
      <TagForm />
      <ul className="space-y-2">
        {tags.map((tag) => (
          <li key={tag.id}>
            <TagForm tag={tag} />
          </li>
        ))}
      </ul>
    </section>
  );
}
