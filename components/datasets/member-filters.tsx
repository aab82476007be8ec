import Link from "next/link";
import { CleanGetForm } from "@/components/gallery/clean-get-form";
import { Button, Select, TextInput } from "@/components/ui/form-controls";
import { type MemberFilter, memberFilterQuery } from "@/lib/datasets/member-filter";
import { REVIEW_STATUSES } from "@/lib/enums/image-enums";

const STATUS_OPTIONS = [...REVIEW_STATUSES, "not_approved"] as const;

/** Search the members: by caption tag, caption text, review state, missing or typed captions. */
export function MemberFilters({ datasetId, filter }: { datasetId: string; filter: MemberFilter }) {
  const base = `/datasets/${datasetId}`;
  const isFiltered = memberFilterQuery(filter) !== "";
  return (
    <CleanGetForm action={base} className="flex flex-wrap items-end gap-2 text-sm">
      <TextInput
        name="tag"
        defaultValue={filter.tag ?? ""}
        placeholder="tag"
        aria-label="Caption tag"
        className="max-w-40 py-1"
      />
      <TextInput
        name="q"
        defaultValue={filter.q ?? ""}
        placeholder="caption text"
        aria-label="Caption text"
        className="max-w-48 py-1"
      />
      <Select name="status" defaultValue={filter.status ?? ""} aria-label="Review state">
        <option value="">any review state</option>
        {STATUS_OPTIONS.map((status) => (
          <option key={status} value={status}>
            {status.replace("_", " ")}
          </option>
        ))}
      </Select>
      <Select name="missing" defaultValue={filter.missing ?? ""} aria-label="Caption present">
        <option value="">with or without caption</option>
        <option value="caption">without a caption</option>
      </Select>
      <Select name="hand_edited" defaultValue={filter.hand_edited ?? ""} aria-label="Typed by a person">
        <option value="">typed or generated</option>
        <option value="yes">typed by a person</option>
        <option value="no">not typed</option>
      </Select>
      <Button type="submit" variant="secondary" className="py-1">
        Search
      </Button>
      {isFiltered ? (
        <a href={base} className="py-1 text-sky-400 hover:underline">
          Clear filters
        </a>
      ) : null}
    </CleanGetForm>
  );
}

/** Previous and next pages of the members under the same filter (client navigations: the ticks stay). */
export function MemberPages({
  datasetId,
  filter,
  page,
  pageCount,
}: {
  datasetId: string;
  filter: MemberFilter;
  page: number;
  pageCount: number;
}) {
  if (pageCount <= 1) return null;
  const href = (to: number) =>
    `/datasets/${datasetId}${memberFilterQuery(filter, to > 1 ? { page: String(to) } : {})}`;
  return (
    <nav aria-label="Pages" className="flex items-center gap-3 text-sm">
      {page > 1 ? (
        <Link href={href(page - 1)} rel="prev" className="text-sky-400 hover:underline">
          ← Previous
        </Link>
      ) : null}
      <span>
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link href={href(page + 1)} rel="next" className="text-sky-400 hover:underline">
          Next →
        </Link>
      ) : null}
    </nav>
  );
}
