import { formatBytes } from "@/lib/format/format-bytes";
import { readGenerationExtras } from "@/lib/images/record/generation-extras";
import type { ImageRecord } from "@/lib/images/record/image-record";
import { identifyWorkflowTool } from "@/lib/metadata/workflow-tool";
import { CopyButton } from "./copy-button";
import { Section } from "./section";
import { type DownloadWorkflow, WorkflowDownloadButton } from "./workflow-download-button";

/** Every generation field of the image, as text (prompts are never HTML). */
export function MetadataPanel({
  image,
  downloadWorkflow,
}: {
  image: ImageRecord;
  downloadWorkflow: DownloadWorkflow;
}) {
  const extras = readGenerationExtras(image.params);
  const fields: [string, string | number | null][] = [
    ["Seed", image.seed],
    ["Model", image.model],
    ...(extras.refiner ? [["Refiner", extras.refiner] as [string, string]] : []),
    ["Model version", image.model_version],
    ["Model hash", image.model_hash],
    ["Sampler", image.sampler],
    ["Scheduler", image.scheduler],
    ["Steps", image.steps],
    ["CFG", image.cfg_scale],
    ["Size", `${image.width}×${image.height}`],
    ["Generator", image.generator],
    ["Run", image.run?.name ?? null],
    ["Source", image.source],
    ["Created", image.created_at.replace("T", " ").slice(0, 19)],
    ["Status", image.review_status],
    ["File", `${image.content_type}, ${formatBytes(image.byte_size)}`],
    ...(extras.provenance ? [["C2PA", extras.provenance] as [string, string]] : []),
  ];
  return (
    <div className="space-y-4 text-sm">
      <Section
        title="Prompt"
        actions={image.prompt ? <CopyButton text={image.prompt} label="Copy prompt" /> : null}
      >
        <p data-testid="image-prompt" className="whitespace-pre-wrap break-words">
          {image.prompt}
        </p>
      </Section>
      <Section
        title="Negative prompt"
        actions={
          image.negative_prompt ? (
            <CopyButton text={image.negative_prompt} label="Copy negative prompt" />
          ) : null
        }
      >
        <p className="whitespace-pre-wrap break-words text-neutral-400">{image.negative_prompt ?? "—"}</p>
      </Section>
      <dl className="grid grid-cols-[8rem_minmax(0,1fr)] gap-x-3 gap-y-1" data-testid="image-fields">
        {fields.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-neutral-500">{label}</dt>
            <dd className="break-all">{value ?? "—"}</dd>
          </div>
        ))}
      </dl>
      <Section title="LoRAs">
        {image.loras.length > 0 ? (
          <ul className="space-y-0.5">
            {image.loras.map((lora) => (
              <li key={`${lora.name}:${lora.weight}`}>
                {lora.name} <span className="text-neutral-500">{lora.weight ?? "—"}</span>
                {lora.hash ? <span className="ml-2 text-xs text-neutral-500">{lora.hash}</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-neutral-500">none</p>
        )}
      </Section>
      {image.tags.length > 0 ? (
        <Section title="Labels">
          <p>{image.tags.join(", ")}</p>
        </Section>
      ) : null}
      <Section title="Raw parameters">
        <pre
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must take the focus to be scrolled by keyboard (WCAG 2.1.1, axe scrollable-region-focusable)
          tabIndex={0}
          title="Raw parameters (JSON)"
          className="max-h-64 overflow-auto rounded bg-neutral-900 p-2 text-xs outline-none focus-visible:ring-2 focus-visible:ring-sky-400"
        >
          {JSON.stringify(image.params, null, 2)}
        </pre>
      </Section>
      {image.workflow ? (
        <WorkflowDownloadButton
          imageId={image.id}
          tool={identifyWorkflowTool(image.generator, image.workflow)}
          download={downloadWorkflow}
        />
      ) : null}
      <Section title="Storage">
        <dl className="grid grid-cols-[6rem_1fr] gap-x-3 gap-y-1 font-mono text-xs">
          <dt className="text-neutral-500">sha256</dt>
          <dd className="break-all">{image.sha256}</dd>
          <dt className="text-neutral-500">object key</dt>
          <dd className="break-all">{image.object_key}</dd>
        </dl>
      </Section>
    </div>
  );
}
