import type { ImageLineage } from "@/lib/lineage/list-image-lineage";
import { Section } from "./section";

const HOW: Record<ImageLineage["matched_by"], string> = {
  hash: "by file hash",
  civitai: "by Civitai version",
  key: "by file name",
};

/** "LoRA X, trained on dataset Y v3": the registered models this image was made with. Nothing when none. */
export function ImageLineageLines({ lineage }: { lineage: ImageLineage[] }) {
  if (lineage.length === 0) return null;
  return (
    <Section title="Trained models">
      <ul className="space-y-0.5 text-sm" data-testid="image-lineage">
        {lineage.map((entry) => (
          <li key={entry.model.id}>
            {entry.model.kind === "lora" ? "LoRA" : "Checkpoint"} {entry.model.name}, trained on dataset{" "}
            <a href={`/datasets/${entry.dataset.id}`} className="text-sky-400 underline hover:no-underline">
              {entry.dataset.name} v{entry.version}
            </a>{" "}
            <span className="text-neutral-500">({HOW[entry.matched_by]})</span>
          </li>
        ))}
      </ul>
    </Section>
  );
}
