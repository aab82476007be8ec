import type { SavePreferences } from "@/components/ui/preferences-action";
import type { ActionResult } from "@/lib/http/wrappers/action-result";
import type { UserPreferences } from "@/lib/preferences/user-preferences";
import type { ReviewSession } from "@/lib/review/open-review-session";
import type { TagView } from "@/lib/tags/tag-input";
import type { ReviewActions } from "./review-actions";

/** What a page hands the full-screen viewer: who may decide, the tags, the choices and the actions it calls. */
export type ViewerSetup = {
  canReview: boolean;
  tags: TagView[];
  preferences: Pick<UserPreferences, "rejectFlow">;
  savePreferences: SavePreferences;
  openViewer: (input: unknown) => Promise<ActionResult<ReviewSession>>;
  actions: ReviewActions;
};
