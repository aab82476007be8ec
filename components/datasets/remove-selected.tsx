"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { settled } from "@/components/actions/settle-actions";
import { Button, FormMessage } from "@/components/ui/form-controls";
import type { WorkbenchActions } from "./workbench-actions";

/** Takes the ticked images out of the dataset after a confirmation; frozen versions keep them. */
export function RemoveSelected({
  datasetId,
  imageIds,
  onRemoved,
  actions,
}: {
  datasetId: string;
  imageIds: string[];
  onRemoved: () => void;
  actions: WorkbenchActions;
}) {
  const router = useRouter();
  const [isAsking, setAsking] = useState(false);
  const [message, setMessage] = useState<{ error?: string; success?: string }>({});
  const [isPending, startTransition] = useTransition();
  const remove = () =>
    startTransition(async () => {
      const result = await settled(actions.removeImages)({ datasetId, fields: { image_ids: imageIds } });
      setAsking(false);
      setMessage(result.ok ? { success: `${result.data.removed} removed` } : { error: result.error.message });
      if (result.ok) onRemoved();
      router.refresh();
    });
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      {isAsking ? (
        <>
          <span>
            Remove {imageIds.length} {imageIds.length === 1 ? "image" : "images"} from the dataset? Frozen
            versions keep them.
          </span>
          <Button type="button" variant="danger" className="py-1" disabled={isPending} onClick={remove}>
            Remove
          </Button>
          <Button type="button" variant="secondary" className="py-1" onClick={() => setAsking(false)}>
            Cancel
          </Button>
        </>
      ) : (
        <Button
          type="button"
          variant="secondary"
          className="py-1"
          disabled={imageIds.length === 0}
          onClick={() => {
            setMessage({});
            setAsking(true);
          }}
        >
          Remove selected…
        </Button>
      )}
      <FormMessage error={message.error} success={message.success} />
    </div>
  );
}
