import type { ReactNode } from "react";
import { Button, Select } from "@/components/ui/form-controls";
import { DISAGREEMENT_LABELS, DISAGREEMENTS } from "@/lib/critics/disagreement-filter";
import type { GalleryFacets } from "@/lib/gallery/list-gallery-facets";
import type { ImageSelection } from "@/lib/images/selection/image-filter";
import { CleanGetForm } from "./clean-get-form";
import { NameFilterInput, type SuggestNames } from "./name-filter-input";

const INPUT = "rounded-md border border-neutral-700 bg-neutral-900 px-2 py-1.5 text-sm text-neutral-100";

const STATUS_LABELS: Record<NonNullable<ImageSelection["status"]>, string> = {
  unreviewed_me: "Unreviewed by me",
  unreviewed: "Unreviewed by anyone",
  approved: "Approved",
  rejected: "Rejected",
  skipped: "Skipped",
  conflicting: "Conflicting",
};
const STATUS_OPTIONS: [string, string][] = [["", "Any status"], ...Object.entries(STATUS_LABELS)];

function Labeled({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is passed as children, inside the label
    <label className="flex flex-col gap-0.5 text-xs text-neutral-500">
      {label}
      {children}
    </label>
  );
}

/**
 * Every gallery filter as a GET form: the URL is the view, so it can be shared and reloaded. Model and LoRA match
 * a part of a name and suggest the names that contain what is typed.
 */
export function GalleryFilters({
  query,
  facets,
  suggestNames,
  action = "/",
}: {
  query: ImageSelection;
  facets: GalleryFacets;
  suggestNames: SuggestNames;
  action?: string;
}) {
  return (
    <CleanGetForm action={action} className="flex flex-wrap items-end gap-2">
      <Labeled label="Prompt search">
        <input
          name="q"
          type="search"
          defaultValue={query.q ?? ""}
          placeholder='lighthouse -fog "at dusk"'
          className={`${INPUT} w-64`}
        />
      </Labeled>
      <Labeled label="Status">
        <Select name="status" defaultValue={query.status ?? ""}>
          {STATUS_OPTIONS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
      </Labeled>
      <Labeled label="Model">
        <NameFilterInput
          field="model"
          defaultValue={query.model ?? ""}
          initial={facets.models}
          suggest={suggestNames}
          className={`${INPUT} w-44`}
        />
      </Labeled>
      <Labeled label="LoRA">
        <NameFilterInput
          field="lora"
          defaultValue={query.lora ?? ""}
          initial={[]}
          suggest={suggestNames}
          className={`${INPUT} w-36`}
        />
      </Labeled>
      <Labeled label="Run">
        <Select name="run" defaultValue={query.run ?? ""} className="max-w-44">
          <option value="">Any run</option>
          {facets.runs.map((run) => (
            <option key={run.id} value={run.id}>
              {run.name}
            </option>
          ))}
        </Select>
      </Labeled>
      <Labeled label="Tag / reason">
        <Select name="tag" defaultValue={query.tag ?? ""} className="max-w-40">
          <option value="">Any tag</option>
          {facets.tags.map((tag) => (
            <option key={tag.id} value={tag.id}>
              {tag.name}
            </option>
          ))}
        </Select>
      </Labeled>
      <Labeled label="Score">
        <span className="flex items-center gap-1">
          <input
            name="score_min"
            type="number"
            min={0}
            max={5}
            step={0.5}
            defaultValue={query.score_min ?? ""}
            aria-label="Minimum score"
            className={`${INPUT} w-16`}
          />
          –
          <input
            name="score_max"
            type="number"
            min={0}
            max={5}
            step={0.5}
            defaultValue={query.score_max ?? ""}
            aria-label="Maximum score"
            className={`${INPUT} w-16`}
          />
        </span>
      </Labeled>
      <Labeled label="Created">
        <span className="flex items-center gap-1">
          <input
            name="created_after"
            type="date"
            defaultValue={query.created_after ?? ""}
            aria-label="Created from"
            className={INPUT}
          />
          –
          <input
            name="created_before"
            type="date"
            defaultValue={query.created_before ?? ""}
            aria-label="Created until"
            className={INPUT}
          />
        </span>
      </Labeled>
      <Labeled label="Critic disagreement">
        <span className="flex items-center gap-1">
          <Select name="disagreement" defaultValue={query.disagreement ?? ""} className="max-w-56">
            <option value="">Any</option>
            {DISAGREEMENTS.map((value) => (
              <option key={value} value={value}>
                {DISAGREEMENT_LABELS[value]}
              </option>
            ))}
          </Select>
          <Select name="critic" defaultValue={query.critic ?? ""} aria-label="Critic" className="max-w-36">
            <option value="">Any critic</option>
            {facets.critics.map((critic) => (
              <option key={critic} value={critic}>
                {critic}
              </option>
            ))}
          </Select>
        </span>
      </Labeled>
      <Labeled label="Sort">
        <Select name="sort" defaultValue={query.sort}>
          <option value="newest">Newest</option>
          <option value="oldest">Oldest</option>
          <option value="score">Score</option>
          <option value="gap">Critic gap</option>
        </Select>
      </Labeled>
      <Button type="submit" className="py-1.5">
        Apply
      </Button>
      <a href={action} className="py-1.5 text-sm text-neutral-400 hover:text-neutral-50">
        Reset
      </a>
    </CleanGetForm>
  );
}
