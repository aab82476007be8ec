import "server-only";
import { z } from "zod";
import type { ApiKeyPrincipal } from "@/lib/auth/keys/api-keys";
import type { Config } from "@/lib/config";
import { batchItemSchema } from "@/lib/critics/critique-input";
import { postCritiqueBatch } from "@/lib/critics/post-critiques";
import { listDatasets } from "@/lib/datasets/list-datasets";
import type { Database } from "@/lib/db/client";
import type { ApiKeyScope } from "@/lib/enums/api-key-scopes";
import { exportHandoffArchive } from "@/lib/handoff/export-handoff-archive";
import { type HandoffSelection, MAX_HANDOFF_IMAGES } from "@/lib/handoff/handoff-selection";
import { planCleanup, planCleanupSchema } from "@/lib/images/lifecycle/plan-cleanup";
import { listImages, listImagesQuerySchema } from "@/lib/images/lists/list-images";
import { getImage } from "@/lib/images/record/get-image";
import { listRuns } from "@/lib/images/runs/runs";
import { imageFilterSchema } from "@/lib/images/selection/image-filter";
import { findSimilarImages } from "@/lib/images/similar/find-similar-images";
import { loadSimilarThumbnails } from "@/lib/images/similar/load-similar-thumbnails";
import { experimentQuerySchema } from "@/lib/insights/experiment-input";
import { loadLibraryStats } from "@/lib/insights/load-library-stats";
import { runExperiment } from "@/lib/insights/run-experiment";
import { libraryStatsQuerySchema } from "@/lib/insights/stats-input";
import { compareDatasetVersions } from "@/lib/lineage/compare-dataset-versions";
import { getLastDoctorReport } from "@/lib/maintenance/doctor/doctor-reports";
import { runDoctor } from "@/lib/maintenance/doctor/run-doctor";
import { err, ok, type Result } from "@/lib/result";
import type { Storage } from "@/lib/storage/storage";
import { storableString } from "@/lib/zod/storable";

export type ToolDeps = { db: Database; storage: Storage; limits: Config["limits"] };
type Run = (deps: ToolDeps, principal: ApiKeyPrincipal, args: never) => Promise<Result<unknown>>;
export type LightboxTool = {
  description: string;
  scope: ApiKeyScope;
  input: z.ZodType;
  /** Reads only (every tool but record_critique). Nothing here deletes. */
  readOnly: boolean;
  run: Run;
};

const tool = <S extends z.ZodType>(
  definition: Omit<LightboxTool, "input" | "run"> & {
    input: S;
    run: (deps: ToolDeps, principal: ApiKeyPrincipal, args: z.output<S>) => Promise<Result<unknown>>;
  },
): LightboxTool => definition as unknown as LightboxTool;
const none = z.object({}).strict();
const byId = z.object({ id: z.uuid("id must be a UUID") }).strict();
// A tool's input is one JSON object (MCP asks for it), so the handoff's "filter or ids" is two optional fields.
const handoffInput = z
  .object({
    filter: imageFilterSchema
      .optional()
      .describe("The images a filter selects (the fields of search_images)"),
    image_ids: z.array(z.uuid()).min(1).max(MAX_HANDOFF_IMAGES).optional().describe("Or these images"),
  })
  .strict()
  .refine(
    (input) => (input.filter === undefined) !== (input.image_ids === undefined),
    "give filter or image_ids",
  )
  .transform(
    (input): HandoffSelection =>
      input.image_ids ? { image_ids: input.image_ids } : { filter: input.filter ?? {} },
  );

/**
 * The MCP tools: each takes the same zod schema as its API route (so parameter names match GET /api/v1/images:
 * q, model, status, tag, run, …, limit, cursor) and answers what the route would. The key's scopes decide which
 * may run. None removes anything: plan_cleanup is a dry run and doctor_report never fixes.
 */
export const LIGHTBOX_TOOLS: Record<string, LightboxTool> = {
  search_images: tool({
    description:
      "Search live images with the filters of GET /api/v1/images (q = prompt words, model, lora, status, tag, run, sampler, steps, cfg, score_min, created_after…), keyset-paged by cursor. Each item carries a signed thumb_url.",
    scope: "read",
    readOnly: true,
    input: listImagesQuerySchema,
    run: (deps, _principal, args) => listImages(deps, args),
  }),
  get_image: tool({
    description:
      "One image by id: its generation metadata, tags, current critiques, and signed URLs for the original, preview and thumb.",
    scope: "read",
    readOnly: true,
    input: byId,
    run: (deps, _principal, args) => getImage(deps, args.id),
  }),
  library_stats: tool({
    description:
      "Counts and bytes by status, model, run, generator, dataset, day and week; review throughput; storage. Takes any image filter.",
    scope: "read",
    readOnly: true,
    input: libraryStatsQuerySchema,
    run: (deps, _principal, args) => loadLibraryStats(deps.db, args),
  }),
  experiment: tool({
    description:
      "Per value of a generation parameter (model, lora, lora_weight, sampler, scheduler, steps, cfg, run, generator_version, trained_on = the dataset version the image's trained LoRA or checkpoint was trained on), over any image filter: images, approval rate with a Wilson 95% interval (rows ordered by its low end), mean score, critic agreement, and the filter that lists those images.",
    scope: "read",
    readOnly: true,
    input: experimentQuerySchema,
    run: (deps, _principal, args) => runExperiment(deps.db, args),
  }),
  similar_images: tool({
    description:
      "Live images whose perceptual hash is near this image's (re-encodes, resizes), nearest first.",
    scope: "read",
    readOnly: true,
    input: byId.extend({ limit: z.number().int().min(1).max(100).default(20) }),
    run: async (deps, _principal, args) => {
      const similar = await findSimilarImages(deps.db, args.id, { limit: args.limit });
      if (!similar.ok) return similar;
      const thumbnails = await loadSimilarThumbnails(deps, similar.value);
      return ok({
        items: thumbnails.map((item) => ({ id: item.id, distance: item.distance, thumb_url: item.thumbUrl })),
      });
    },
  }),
  list_runs: tool({
    description: "Runs, newest first, with their image counts.",
    scope: "read",
    readOnly: true,
    input: none,
    run: (deps) => listRuns(deps.db),
  }),
  list_datasets: tool({
    description: "Datasets by name with image counts and their latest frozen version.",
    scope: "read",
    readOnly: true,
    input: none,
    run: async (deps) => ok({ items: await listDatasets(deps.db) }),
  }),
  dataset_lineage: tool({
    description:
      "Did a newer version of a dataset train a model whose images are approved more often? Per frozen version of the dataset (id or name): the models registered as trained on it and how the images made with them are judged (approved, rejected, approval rate with a Wilson 95% interval), per model and over the version.",
    scope: "read",
    readOnly: true,
    input: z
      .object({ dataset: storableString().trim().min(1).max(200).describe("Dataset id or name") })
      .strict(),
    run: (deps, _principal, args) => compareDatasetVersions(deps.db, args.dataset),
  }),
  record_critique: tool({
    description:
      "Store a critic's score for one image (image_id or sha256), as POST /api/v1/critiques does with one item: it replaces this critic version's current critique, which stays as history. Needs the critic scope.",
    scope: "critic",
    readOnly: false,
    input: batchItemSchema,
    run: async (deps, principal, args) => {
      const posted = await postCritiqueBatch(deps.db, principal, { items: [args] });
      return posted.ok ? ok(posted.value.items[0]) : posted;
    },
  }),
  doctor_report: tool({
    description:
      "The integrity report (database rows against bucket objects): the last saved one, or with run: true a fresh check that repairs nothing (admin scope, it lists the whole bucket).",
    scope: "read",
    readOnly: true,
    input: z.object({ run: z.boolean().default(false) }).strict(),
    run: async (deps, principal, args) => {
      if (!args.run) return ok({ report: await getLastDoctorReport(deps.db) });
      if (!principal.scopes.includes("admin")) return err("forbidden", 'run: true needs the "admin" scope');
      const report = await runDoctor(deps, { fix: false });
      return report.ok ? ok({ report: report.value }) : report;
    },
  }),
  export_handoff: tool({
    description:
      "A handoff ZIP of the images a filter or a list of ids selects: originals byte for byte under generations/YYYY-MM-DD/<model>/, a JSON sidecar each (prompt, model, seed, LoRAs, sampler, review status, scores, tags), manifest.jsonl with sha256s. Answers a signed download url when built, or the build's progress (call again to continue it).",
    scope: "read",
    readOnly: true,
    input: handoffInput,
    run: async (deps, _principal, selection) => {
      const archive = await exportHandoffArchive(deps, { selection, viewerId: null }, { sliceMs: 20_000 });
      if (!archive.ok || archive.value.status === "building") return archive;
      return ok({ status: "ready", url: archive.value.url, file_name: archive.value.fileName });
    },
  }),
  plan_cleanup: tool({
    description:
      "Dry run of a cleanup policy: policy rejected (images rejected or deleted longer ago than older_than, the default), older_than (one model's images older than older_than) or keep_newest (all but the newest keep images per model or run). Lists which would be removed and why each other one is protected (approved, approved by a reviewer, in a dataset or frozen version, posted again). Removes nothing.",
    scope: "read",
    readOnly: true,
    input: planCleanupSchema,
    run: async (deps, _principal, args) => ok(await planCleanup(deps.db, args)),
  }),
};
