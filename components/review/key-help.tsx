import { REVIEW_KEY_HELP } from "@/lib/review/review-keys";
import type { TagView } from "@/lib/tags/tag-input";

/** ? in review mode: every key, including the tags' own hotkeys. */
export function KeyHelp({ tags, onClose }: { tags: TagView[]; onClose: () => void }) {
  const tagKeys = tags.filter((tag) => tag.hotkey);
  return (
    <div
      role="dialog"
      aria-label="Keyboard shortcuts"
      className="absolute inset-x-0 top-16 z-20 mx-auto w-[26rem] rounded-lg border border-neutral-700 bg-neutral-900 p-4 text-sm shadow-2xl"
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
      <button type="button" onClick={onClose} className="mt-3 text-xs text-neutral-400 hover:text-white">
        Close (Esc)
      </button>
    </div>
  );
}
