"use client";

import { useState, useTransition } from "react";
import type { ImageWorkflow } from "@/lib/gallery/get-image-workflow";
import type { ActionResult } from "@/lib/http/wrappers/action-result";
import type { WorkflowTool } from "@/lib/metadata/workflow-tool";

export type DownloadWorkflow = (imageId: unknown) => Promise<ActionResult<ImageWorkflow>>;

/**
 * Fetches the workflow through a session-checked server action and saves it as a .json file. The label
 * names the tool that can load it (`tool` from lib/metadata/workflow-tool.ts), or none when unknown.
 */
export function WorkflowDownloadButton({
  imageId,
  tool,
  download: fetchWorkflow,
}: {
  imageId: string;
  tool: WorkflowTool;
  download: DownloadWorkflow;
}) {
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const download = () =>
    startTransition(async () => {
      const result = await fetchWorkflow(imageId);
      if (!result.ok) return setError(result.error.message);
      const url = URL.createObjectURL(new Blob([result.data.json], { type: "application/json" }));
      const link = document.createElement("a");
      link.href = url;
      link.download = result.data.fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    });
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        onClick={download}
        disabled={isPending}
        className="rounded border border-neutral-700 px-2 py-1 text-xs hover:bg-neutral-800 disabled:opacity-50"
      >
        {tool ? `Download ${tool} workflow (.json)` : "Download workflow (.json)"}
      </button>
      {error ? <span className="text-xs text-red-400">{error}</span> : null}
    </span>
  );
}
