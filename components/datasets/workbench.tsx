"use client";

import { useId, useState } from "react";
import { Select } from "@/components/ui/form-controls";
import type { CaptionVocabulary } from "@/lib/datasets/captions/list-caption-tags";
import type { CaptionScope } from "@/lib/datasets/captions/rewrite-captions";
import type { DatasetMemberPage } from "@/lib/datasets/list-dataset-members";
import { type MemberFilter, memberFilterQuery } from "@/lib/datasets/member-filter";
import { MemberRow } from "./member-row";
import { RemoveSelected } from "./remove-selected";
import { TagPanel } from "./tag-panel";
import { TemplatePanel } from "./template-panel";
import type { BulkScope, WorkbenchActions } from "./workbench-actions";

/**
 * The captions workbench: one page of members with tick boxes, and the bulk steps (tags, templates, removal) over
 * the chosen scope: the whole dataset, this view's filter, or the ticked images. Ticks survive paging.
 */
export function Workbench({
  datasetId,
  members,
  thumbs,
  vocabulary,
  filter,
  canEdit,
  actions,
}: {
  datasetId: string;
  members: DatasetMemberPage;
  thumbs: Record<string, string>;
  vocabulary: CaptionVocabulary;
  filter: MemberFilter;
  canEdit: boolean;
  actions: WorkbenchActions;
}) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [picked, setPicked] = useState<BulkScope | null>(null);
  const scopeId = useId();
  const isFiltered = memberFilterQuery(filter) !== "";
  const scopeChoice: BulkScope = picked ?? (selected.size > 0 ? "selection" : isFiltered ? "view" : "all");
  const scope: CaptionScope =
    scopeChoice === "selection" && selected.size > 0
      ? { image_ids: [...selected] }
      : scopeChoice === "view" && isFiltered
        ? { filter }
        : {};
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const pageIds = members.items.map((member) => member.image_id);
  const allOnPage = pageIds.length > 0 && pageIds.every((id) => selected.has(id));
  const tagHref = (tag: string) => `/datasets/${datasetId}${memberFilterQuery({ tag })}`;

  return (
    <div className="space-y-6">
      {canEdit ? (
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <label htmlFor={scopeId}>Bulk steps act on</label>
          <Select
            id={scopeId}
            value={scopeChoice}
            onChange={(event) => setPicked(event.target.value as BulkScope)}
            data-testid="bulk-scope"
          >
            <option value="all">the whole dataset</option>
            {isFiltered ? <option value="view">this view ({members.total})</option> : null}
            <option value="selection" disabled={selected.size === 0}>
              the selected images ({selected.size})
            </option>
          </Select>
        </div>
      ) : null}
      <TagPanel
        datasetId={datasetId}
        vocabulary={vocabulary}
        scope={scope}
        tagHref={tagHref}
        actions={actions}
        canEdit={canEdit}
      />
      {canEdit ? <TemplatePanel datasetId={datasetId} scope={scope} actions={actions} /> : null}
      {canEdit ? (
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              className="size-5"
              checked={allOnPage}
              onChange={() =>
                setSelected((current) => {
                  const next = new Set(current);
                  for (const id of pageIds) {
                    if (allOnPage) next.delete(id);
                    else next.add(id);
                  }
                  return next;
                })
              }
            />
            Select this page
          </label>
          <span role="status">{selected.size} selected</span>
          {selected.size > 0 ? (
            <button
              type="button"
              className="text-sky-400 hover:underline"
              onClick={() => setSelected(new Set())}
            >
              Clear
            </button>
          ) : null}
          <RemoveSelected
            datasetId={datasetId}
            imageIds={[...selected]}
            onRemoved={() => setSelected(new Set())}
            actions={actions}
          />
        </div>
      ) : null}
      <ul className="text-sm">
        {members.items.map((member) => (
          <MemberRow
            key={member.image_id}
            datasetId={datasetId}
            member={member}
            thumb={thumbs[member.image_id]}
            selected={selected.has(member.image_id)}
            onToggle={() => toggle(member.image_id)}
            canEdit={canEdit}
            actions={actions}
          />
        ))}
      </ul>
      {members.items.length === 0 ? (
        <p className="text-sm text-neutral-400">No images match this view.</p>
      ) : null}
    </div>
  );
}
