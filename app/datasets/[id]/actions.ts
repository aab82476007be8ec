"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActionUser } from "@/lib/auth/session";
import { applyCaptionTemplate } from "@/lib/datasets/apply-caption-template";
import { freezeDatasetVersion } from "@/lib/datasets/freeze-dataset-version";
import { updateDatasetCaption } from "@/lib/datasets/update-dataset-caption";
import { getDb } from "@/lib/db";
import { type ActionResult, asFormData, runAction } from "@/lib/http/action-result";
import { ok } from "@/lib/result";
import { storableString } from "@/lib/zod/storable";

const datasetIdSchema = z.object({ datasetId: z.uuid() });

export async function updateCaptionAction(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  return runAction("updateCaption", async () => {
    const user = await requireActionUser("reviewer");
    if (!user.ok) return user;
    const input = datasetIdSchema
      .extend({
        imageId: z.uuid(),
        caption: storableString().max(10_000),
        expectedCaption: storableString().max(10_000),
      })
      .parse(Object.fromEntries(asFormData(form)));
    const result = await updateDatasetCaption(
      getDb(),
      { datasetId: input.datasetId, imageId: input.imageId },
      { caption: input.caption, expected_caption: input.expectedCaption },
    );
    revalidatePath(`/datasets/${input.datasetId}`);
    return result.ok ? ok(undefined) : result;
  });
}

export async function applyCaptionTemplateAction(
  _previous: ActionResult<number> | null,
  form: FormData,
): Promise<ActionResult<number>> {
  return runAction("applyCaptionTemplate", async () => {
    const user = await requireActionUser("reviewer");
    if (!user.ok) return user;
    const input = datasetIdSchema
      .extend({
        template: storableString(),
        trigger: z.preprocess((value) => (value === "" ? undefined : value), storableString().optional()),
      })
      .parse(Object.fromEntries(asFormData(form)));
    const result = await applyCaptionTemplate(getDb(), input.datasetId, {
      template: input.template,
      trigger: input.trigger,
    });
    revalidatePath(`/datasets/${input.datasetId}`);
    return result.ok ? ok(result.value.updated) : result;
  });
}

export async function freezeVersionAction(
  _previous: ActionResult<number> | null,
  form: FormData,
): Promise<ActionResult<number>> {
  return runAction("freezeVersion", async () => {
    const user = await requireActionUser("reviewer");
    if (!user.ok) return user;
    const input = datasetIdSchema
      .extend({ note: storableString().max(2000).optional() })
      .parse(Object.fromEntries(asFormData(form)));
    const frozen = await freezeDatasetVersion(
      getDb(),
      input.datasetId,
      { note: input.note || undefined },
      user.value.id,
    );
    revalidatePath(`/datasets/${input.datasetId}`);
    return frozen.ok ? ok(frozen.value.version) : frozen;
  });
}
