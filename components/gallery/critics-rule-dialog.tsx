"use client";

import { useEffect, useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, Select } from "@/components/ui/form-controls";
import type { GalleryActions } from "./gallery-actions";
import type { BulkTargetInput } from "./use-bulk-review";

type Verdict = "approve" | "reject";
type CriticsTarget = Extract<BulkTargetInput, { kind: "critics" }>;

/**
 * "Let the critics take the obvious ones": approve (or reject) the images of this view that the critics all
 * approve (reject) above their thresholds and that the reviewer has not decided yet. Shows how many first; the
 * decision is the reviewer's own, recorded with this rule, and one Undo takes it back.
 */
export function CriticsRuleDialog({
  view,
  critics,
  previewBulk,
  isBusy,
  onConfirm,
  onCancel,
}: {
  view: string;
  critics: string[];
  previewBulk: GalleryActions["previewBulk"];
  isBusy: boolean;
  onConfirm: (target: CriticsTarget, count: number) => void;
  onCancel: () => void;
}) {
  const [verdict, setVerdict] = useState<Verdict>("approve");
  const [critic, setCritic] = useState("");
  const [preview, setPreview] = useState<{ count: number; isOverLimit: boolean } | string | null>(null);
  const target: CriticsTarget = { kind: "critics", view, verdict, ...(critic ? { critic } : {}) };
  useEffect(() => {
    let isCurrent = true;
    setPreview(null);
    void previewBulk({ target: { kind: "critics", view, verdict, ...(critic ? { critic } : {}) } }).then(
      (result) => {
        if (isCurrent) setPreview(result.ok ? result.data : result.error.message);
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [previewBulk, view, verdict, critic]);
  const count = typeof preview === "object" && preview ? preview.count : 0;
  const verb = verdict === "approve" ? "Approve" : "Reject";
  return (
    <ConfirmDialog
      title="Let the critics decide the obvious ones"
      confirmLabel={`${verb} ${count}`}
      variant={verdict === "reject" ? "danger" : "primary"}
      isBusy={isBusy || count === 0 || typeof preview !== "object" || preview?.isOverLimit === true}
      onConfirm={() => onConfirm(target, count)}
      onCancel={onCancel}
    >
      <Field label="What to do">
        <Select value={verdict} onChange={(event) => setVerdict(event.target.value as Verdict)}>
          <option value="approve">Approve what the critics approve</option>
          <option value="reject">Reject what the critics reject</option>
        </Select>
      </Field>
      <Field label="Which critics">
        <Select value={critic} onChange={(event) => setCritic(event.target.value)}>
          <option value="">Every critic that scored the image agrees</option>
          {critics.map((name) => (
            <option key={name} value={name}>
              {name} alone
            </option>
          ))}
        </Select>
      </Field>
      <p data-testid="critics-preview">
        {preview === null
          ? "Counting…"
          : typeof preview === "string"
            ? preview
            : preview.isOverLimit
              ? `More than ${preview.count.toLocaleString("en-US")} images: narrow the view first.`
              : `${preview.count} image${preview.count === 1 ? "" : "s"} in this view that you have not decided, each ${
                  verdict === "approve" ? "approved" : "rejected"
                } by the critics above their threshold. You decide them as yourself; Undo takes it all back.`}
      </p>
    </ConfirmDialog>
  );
}
