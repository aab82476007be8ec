import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { AuditPanel } from "@/components/datasets/audit-panel";
import { FreezeVersionForm } from "@/components/datasets/freeze-form";
import { MemberFilters, MemberPages } from "@/components/datasets/member-filters";
import { RecentChanges } from "@/components/datasets/recent-changes";
import { Workbench } from "@/components/datasets/workbench";
import type { WorkbenchActions } from "@/components/datasets/workbench-actions";
import { FormMessage } from "@/components/ui/form-controls";
import { requireUser } from "@/lib/auth/session/session";
import { auditDataset } from "@/lib/datasets/audit/audit-dataset";
import { listCaptionChanges } from "@/lib/datasets/captions/list-caption-changes";
import { listCaptionTags } from "@/lib/datasets/captions/list-caption-tags";
import { describeDatasetFilter } from "@/lib/datasets/describe-dataset-filter";
import { getDatasetHeader } from "@/lib/datasets/get-dataset";
import { listDatasetMembers, listDatasetMembersQuerySchema } from "@/lib/datasets/list-dataset-members";
import { listDatasetThumbs } from "@/lib/datasets/list-dataset-thumbs";
import { hasRole } from "@/lib/enums/roles";
import { handlerContext } from "@/lib/http/wrappers/handler-context";
import { compareDatasetVersions } from "@/lib/lineage/compare-dataset-versions";
import {
  applyCaptionTemplateAction,
  editCaptionTagsAction,
  freezeVersionAction,
  loadCaptionHistoryAction,
  previewCaptionTagsAction,
  previewCaptionTemplateAction,
  removeDatasetImagesAction,
  undoCaptionChangeAction,
  updateCaptionAction,
} from "./actions";
import { TrainedModelsSection } from "./trained-models-section";

export const metadata: Metadata = { title: "Dataset" };

const actions: WorkbenchActions = {
  updateCaption: updateCaptionAction,
  previewTemplate: previewCaptionTemplateAction,
  applyTemplate: applyCaptionTemplateAction,
  previewTags: previewCaptionTagsAction,
  editTags: editCaptionTagsAction,
  undoChange: undoCaptionChangeAction,
  loadHistory: loadCaptionHistoryAction,
  removeImages: removeDatasetImagesAction,
};

const VOCABULARY_SHOWN = 200;

/** The dataset workbench: the audit, versions, caption tags and templates, and one page of members (40). */
export default async function DatasetPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser("viewer");
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  // A hand-edited URL with a bad filter shows the whole dataset and says why, rather than failing the page.
  const query = listDatasetMembersQuerySchema.safeParse(await searchParams);
  const { page, ...filter } = query.success ? query.data : { page: 1 };
  const ctx = handlerContext();
  const { db } = ctx;
  const [header, members, vocabulary, audit, changes] = await Promise.all([
    getDatasetHeader(db, id.data),
    listDatasetMembers(db, id.data, { page, ...filter }),
    listCaptionTags(db, id.data, { limit: VOCABULARY_SHOWN }),
    auditDataset(db, id.data),
    listCaptionChanges(db, id.data),
  ]);
  if (!header.ok || !members.ok || !vocabulary.ok || !audit.ok || !changes.ok) notFound();
  const dataset = header.value;
  const thumbs = await listDatasetThumbs(
    ctx,
    members.value.items.map((member) => member.image_id),
  );
  const canEdit = hasRole(user.role, "reviewer");
  const lineage = await compareDatasetVersions(db, dataset.id);
  return (
    <section className="mx-auto max-w-6xl space-y-8">
      <div>
        <h1 className="text-2xl font-semibold break-words">{dataset.name}</h1>
        {dataset.description ? <p className="text-neutral-400">{dataset.description}</p> : null}
        {dataset.filter ? (
          <p className="text-sm text-neutral-400" data-testid="dataset-filter">
            Built from: {describeDatasetFilter(dataset.filter)}
          </p>
        ) : null}
      </div>
      <AuditPanel datasetId={dataset.id} audit={audit.value} />
      <div className="space-y-3">
        <h2 className="text-lg font-medium">Versions</h2>
        {canEdit ? (
          <FreezeVersionForm
            datasetId={dataset.id}
            auditedRevision={audit.value.revision}
            freeze={freezeVersionAction}
          />
        ) : null}
        <ul className="space-y-1 text-sm">
          {dataset.versions.map((version) => (
            <li key={version.version} data-testid="dataset-version">
              v{version.version} · {version.image_count} images ·{" "}
              {version.created_at.slice(0, 16).replace("T", " ")}
              {version.note ? ` · ${version.note}` : ""} ·{" "}
              {/* Underlined: a link inside a line of text must not be told apart by its colour alone. */}
              <a
                href={`/datasets/${dataset.id}/versions/${version.version}/download`}
                className="text-sky-400 underline hover:no-underline"
              >
                download ZIP
              </a>
            </li>
          ))}
        </ul>
      </div>
      {lineage.ok ? <TrainedModelsSection lineage={lineage.value} canEdit={canEdit} /> : null}
      <div className="space-y-4" id="members">
        <h2 className="text-lg font-medium">
          Images and captions ({members.value.total}
          {members.value.total !== audit.value.image_count ? ` of ${audit.value.image_count}` : ""})
        </h2>
        <MemberFilters datasetId={dataset.id} filter={filter} />
        {query.success ? null : <FormMessage error="That filter is not valid; showing every image." />}
        <RecentChanges
          datasetId={dataset.id}
          changes={changes.value.items}
          canEdit={canEdit}
          actions={actions}
        />
        <Workbench
          datasetId={dataset.id}
          members={members.value}
          thumbs={thumbs}
          vocabulary={vocabulary.value}
          filter={filter}
          canEdit={canEdit}
          actions={actions}
        />
        <MemberPages
          datasetId={dataset.id}
          filter={filter}
          page={members.value.page}
          pageCount={members.value.page_count}
        />
      </div>
    </section>
  );
}
