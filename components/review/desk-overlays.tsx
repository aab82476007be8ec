import type { UserPreferences } from "@/lib/preferences/user-preferences";
import type { ReviewState } from "@/lib/review/review-state";
import type { TagView } from "@/lib/tags/tag-input";
import { KeyHelp } from "./key-help";
import { NoteEditor } from "./note-editor";
import { ReasonPicker } from "./reason-picker";

export type Overlay = "tags" | "note" | "help" | null;

/** The one dialog open over the desk: reason picker (T), note (N) or the key list (?), for the tagged image. */
export function DeskOverlays(props: {
  overlay: Overlay;
  tags: TagView[];
  state: ReviewState;
  rejectFlow: UserPreferences["rejectFlow"];
  onRejectFlow: (flow: UserPreferences["rejectFlow"]) => void;
  onToggleTag: (tagId: string) => void;
  onCreateLabel: (name: string) => void;
  onSaveNote: (note: string) => void;
  onClose: () => void;
}) {
  if (props.overlay === "tags")
    return (
      <ReasonPicker
        tags={props.tags}
        chosen={props.state.tagIds}
        onToggle={props.onToggleTag}
        onCreateLabel={props.onCreateLabel}
        onClose={props.onClose}
      />
    );
  if (props.overlay === "note")
    return <NoteEditor initial={props.state.note} onSave={props.onSaveNote} onClose={props.onClose} />;
  if (props.overlay === "help")
    return (
      <KeyHelp
        tags={props.tags}
        rejectFlow={props.rejectFlow}
        onRejectFlow={props.onRejectFlow}
        onClose={props.onClose}
      />
    );
  return null;
}
