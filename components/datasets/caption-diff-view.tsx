import { Fragment } from "react";
import { cn } from "@/components/ui/cn";
import { diffCaptions } from "@/lib/datasets/caption-diff";

const KIND_LABEL = { added: "added: ", removed: "removed: ", same: "" } as const;

/** A caption change as one line: removed words struck through in red, added words in green. */
export function CaptionDiffView({ before, after }: { before: string; after: string }) {
  const parts = diffCaptions(before, after);
  if (parts.length === 0) return <span className="text-neutral-500">(empty)</span>;
  return (
    <span className="break-words" data-testid="caption-diff">
      {parts.map((part, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts are a fixed rendering of two strings
        <Fragment key={index}>
          {index > 0 && !part.text.startsWith(",") ? " " : null}
          <span
            className={cn(
              part.kind === "added" && "rounded bg-emerald-950 text-emerald-100",
              part.kind === "removed" && "text-red-300 line-through",
            )}
          >
            {KIND_LABEL[part.kind] ? <span className="sr-only">{KIND_LABEL[part.kind]}</span> : null}
            {part.text}
          </span>
        </Fragment>
      ))}
    </span>
  );
}
