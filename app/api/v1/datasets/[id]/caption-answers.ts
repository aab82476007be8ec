// What the workbench's caption operations answer: a plan (the previews) or the change applied (captions, tags).
export const CAPTION_CHANGE_PLAN =
  "The plan: in_scope, changes, hand_edited (of the changes, captions a person typed), notes, the first 20 diffs (samples) and the revision to send back as expected_revision";
export const CAPTION_CHANGE_APPLIED =
  "updated, skipped_hand_edited, change_id (undo it in one step) and the dataset's new revision; 409 when expected_revision is no longer the dataset's";
