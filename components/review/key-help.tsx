import { REJECT_FLOWS, type UserPreferences } from "@/lib/preferences/user-preferences";
import { REVIEW_KEY_HELP } from "@/lib/review/review-keys";

const FLOW_LABEL = {
  keys: "move on; T and N still reach it",
  picker: "move on and open the reason picker for it",
};

import type { TagView } from "@/lib/tags/tag-input";

/** ? in review mode: every key, including the tags' own hotkeys. */
export function KeyHelp({
  tags,
  rejectFlow,
  onRejectFlow,
  onClose,
}: {
  tags: TagView[];
  rejectFlow: UserPreferences["rejectFlow"];
  onRejectFlow: (flow: UserPreferences["rejectFlow"]) => void;
  onClose: () => void;
}) {
  const tagKeys = tags.filter((tag) => tag.hotkey);
  return (
    <div
      role="dialog"
      aria-label="Keyboard shortcuts"
      className="absolute inset-x-0 top-16 z-20 mx-auto w-[min(26rem,calc(100%-1rem))] rounded-lg border border-neutral-700 bg-neutral-900 p-4 text-sm shadow-2xl"
    >
      <dl className="grid grid-cols-[6rem_1fr] gap-y-1">
        {[
          ...REVIEW_KEY_HELP,
          ...tagKeys.map((tag): [string, string] => [tag.hotkey ?? "", `toggle “${tag.name}”`]),
        ].map(([key, what]) => (
          <div key={key} className="contents">
            <dt>
              <kbd className="rounded bg-neutral-800 px-1.5 py-0.5 text-xs">{key}</kbd>
            </dt>
            <dd className="text-neutral-300">{what}</dd>
          </div>
        ))}
      </dl>
      <label className="mt-3 block text-xs text-neutral-300">
        After X (reject):{" "}
        <select
          value={rejectFlow}
          onChange={(event) => onRejectFlow(event.target.value as UserPreferences["rejectFlow"])}
          className="rounded border border-neutral-700 bg-neutral-950 px-1 py-0.5"
        >
          {REJECT_FLOWS.map((flow) => (
            <option key={flow} value={flow}>
              {FLOW_LABEL[flow]}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={onClose} className="mt-3 text-xs text-neutral-400 hover:text-neutral-50">
        Close (Esc)
      </button>
    </div>
  );
}
