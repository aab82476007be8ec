import type { DatasetLineage } from "@/lib/lineage/compare-dataset-versions";
import { RegisterModelForm } from "./register-model-form";

const percent = (value: number) => `${Math.round(value * 100)}%`;
type Judged = Pick<
  DatasetLineage["versions"][number],
  "approval_rate" | "approval_interval" | "approved" | "rejected"
>;

/** How images made with each version's trained models are judged: the figure a team compares v3 and v4 by. */
function approvalFigure(figures: Judged): string {
  if (figures.approval_rate === null || !figures.approval_interval) return "none decided yet";
  const { low, high } = figures.approval_interval;
  return `${percent(figures.approval_rate)} approved (95%: ${percent(low)}–${percent(high)}; ${figures.approved} of ${figures.approved + figures.rejected} decided)`;
}

export function TrainedModelsSection({ lineage, canEdit }: { lineage: DatasetLineage; canEdit: boolean }) {
  const { versions } = lineage;
  return (
    <div className="space-y-3">
      <h2 className="text-lg font-medium">Trained models</h2>
      <p className="text-sm text-neutral-400">
        Models trained on a version link the images whose metadata names them (by hash, Civitai id or file
        name).{" "}
        <a href="/experiments?parameter=trained_on" className="text-sky-400 underline hover:no-underline">
          Compare in experiments
        </a>
      </p>
      <ul className="space-y-2 text-sm">
        {versions
          .filter((version) => version.models.length > 0)
          .map((version) => (
            <li key={version.version} data-testid="version-lineage">
              <a href={`/?trained_on=${version.dataset_version_id}`} className="text-sky-400 hover:underline">
                v{version.version}: {version.images} images
              </a>{" "}
              · {approvalFigure(version)}
              <ul className="ml-4 text-neutral-400">
                {version.models.map((model) => (
                  <li key={model.id}>
                    {model.kind === "lora" ? "LoRA" : "Checkpoint"} {model.name}: {model.images} images ·{" "}
                    {approvalFigure(model)}
                  </li>
                ))}
              </ul>
            </li>
          ))}
      </ul>
      {canEdit && versions.length > 0 ? (
        <RegisterModelForm
          datasetId={lineage.dataset.id}
          versions={versions.map((version) => version.version)}
        />
      ) : null}
      {versions.length === 0 ? (
        <p className="text-sm text-neutral-400">Freeze a version to register models.</p>
      ) : null}
    </div>
  );
}
