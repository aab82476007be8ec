"use client";

import { useActionState } from "react";
import { Button, FormMessage } from "@/components/ui/form-controls";
import { deleteImageAction, purgeImageAction, restoreImageAction } from "./actions";

/** Admin-only: soft delete / restore, and purge for a deleted image (after a confirmation). */
export function LifecycleControls({ imageId, isDeleted }: { imageId: string; isDeleted: boolean }) {
  const [deleteState, deleteAction, isDeleting] = useActionState(deleteImageAction, null);
  const [restoreState, restoreAction, isRestoring] = useActionState(restoreImageAction, null);
  const [purgeState, purgeAction, isPurging] = useActionState(purgeImageAction, null);
  const error = [deleteState, restoreState, purgeState].find((state) => state && !state.ok);
  return (
    <div className="space-y-2 rounded-lg border border-neutral-800 p-3 text-sm" data-testid="lifecycle">
      {isDeleted ? (
        <p className="text-amber-300">This image is deleted: hidden from the gallery, bytes kept.</p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {isDeleted ? (
          <>
            <form action={restoreAction}>
              <input type="hidden" name="imageId" value={imageId} />
              <Button type="submit" variant="secondary" disabled={isRestoring}>
                Restore
              </Button>
            </form>
            <form
              action={purgeAction}
              onSubmit={(event) => {
                if (!window.confirm("Purge removes the image's bytes and its record for good. Continue?"))
                  event.preventDefault();
              }}
            >
              <input type="hidden" name="imageId" value={imageId} />
              <Button type="submit" variant="danger" disabled={isPurging}>
                Purge for good
              </Button>
            </form>
          </>
        ) : (
          <form action={deleteAction}>
            <input type="hidden" name="imageId" value={imageId} />
            <Button type="submit" variant="danger" disabled={isDeleting}>
              Delete
            </Button>
          </form>
        )}
      </div>
      <FormMessage error={error && !error.ok ? error.error.message : null} />
    </div>
  );
}
