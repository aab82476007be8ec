"use client";

import { useState } from "react";
import type { DatasetMember } from "@/lib/datasets/list-dataset-members";
import { CaptionEditor } from "./caption-editor";
import { CaptionHistory } from "./caption-history";
import type { WorkbenchActions } from "./workbench-actions";

/** One member: tick box, thumbnail, size and review state, its caption (editable for reviewers) and history. */
export function MemberRow({
  datasetId,
  member,
  thumb,
  selected,
  onToggle,
  canEdit,
  actions,
}: {
  datasetId: string;
  member: DatasetMember;
  thumb: string | undefined;
  selected: boolean;
  onToggle: () => void;
  canEdit: boolean;
  actions: WorkbenchActions;
}) {
  const [showHistory, setShowHistory] = useState(false);
  const label = member.caption ? member.caption.slice(0, 80) : `image ${member.sha256.slice(0, 12)}`;
  return (
    <li
      className="grid grid-cols-[auto_4.5rem_1fr] gap-3 border-t border-neutral-800 py-2 sm:grid-cols-[auto_7rem_1fr]"
      data-testid="dataset-member"
    >
      {canEdit ? (
        <input
          type="checkbox"
          checked={selected}
          onChange={onToggle}
          aria-label={`Select ${label}`}
          className="mt-1 size-5"
        />
      ) : (
        <span />
      )}
      <div className="text-xs">
        <a href={`/images/${member.image_id}`} className="block" data-testid="dataset-thumb">
          {thumb ? (
            <img
              src={thumb}
              alt={label}
              loading="lazy"
              className="aspect-square w-full rounded bg-neutral-900 object-contain"
            />
          ) : (
            <span className="font-mono text-sky-400">{member.sha256.slice(0, 12)}</span>
          )}
        </a>
        <div className="mt-1 text-neutral-400">
          {member.width}×{member.height}
          <br />
          {member.review_status}
          {member.hand_edited ? " · typed" : ""}
        </div>
      </div>
      <div className="min-w-0 space-y-1">
        {canEdit ? (
          <CaptionEditor
            datasetId={datasetId}
            imageId={member.image_id}
            caption={member.caption}
            actions={actions}
          />
        ) : (
          <p className="whitespace-pre-wrap break-words text-sm">{member.caption || "(no caption)"}</p>
        )}
        <button
          type="button"
          className="text-xs text-sky-400 hover:underline"
          aria-expanded={showHistory}
          onClick={() => setShowHistory((shown) => !shown)}
        >
          {showHistory ? "Hide history" : "History"}
        </button>
        {showHistory ? (
          <CaptionHistory
            datasetId={datasetId}
            imageId={member.image_id}
            caption={member.caption}
            canEdit={canEdit}
            actions={actions}
          />
        ) : null}
      </div>
    </li>
  );
}
