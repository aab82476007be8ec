import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { describeDatasetFilter } from "@/lib/datasets/describe-dataset-filter";
import { getDataset } from "@/lib/datasets/get-dataset";
import { listDatasetThumbs } from "@/lib/datasets/list-dataset-thumbs";
import { getDb } from "@/lib/db";
import { hasRole } from "@/lib/enums/roles";
import { getStorage } from "@/lib/storage/storage";
import { CaptionForm, CaptionTemplateForm, FreezeVersionForm } from "./dataset-forms";

export const metadata: Metadata = { title: "Dataset" };

export default async function DatasetPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser("viewer");
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const db = getDb();
  const result = await getDataset(db, id.data);
  if (!result.ok) notFound();
  const dataset = result.value;
  const thumbs = await listDatasetThumbs(
    { db, storage: getStorage() },
    dataset.images.map((image) => image.image_id),
  );
  const canEdit = hasRole(user.role, "reviewer");
  return (
    <section className="mx-auto max-w-6xl space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">{dataset.name}</h1>
        {dataset.description ? <p className="text-neutral-400">{dataset.description}</p> : null}
        {dataset.filter ? (
          <p className="text-sm text-neutral-400" data-testid="dataset-filter">
            Built from: {describeDatasetFilter(dataset.filter)}
          </p>
        ) : null}
      </div>
      <div className="space-y-3">
        <h2 className="text-lg font-medium">Versions</h2>
        {canEdit ? <FreezeVersionForm datasetId={dataset.id} /> : null}
        <ul className="space-y-1 text-sm">
          {dataset.versions.map((version) => (
            <li key={version.version} data-testid="dataset-version">
              v{version.version} · {version.image_count} images ·{" "}
              {version.created_at.slice(0, 16).replace("T", " ")}
              {version.note ? ` · ${version.note}` : ""} ·{" "}
              <a
                href={`/datasets/${dataset.id}/versions/${version.version}/download`}
                className="text-sky-400 hover:underline"
              >
                download ZIP
              </a>
            </li>
          ))}
        </ul>
      </div>
      <div className="space-y-3">
        <h2 className="text-lg font-medium">Images and captions ({dataset.images.length})</h2>
        {canEdit && dataset.images.length > 0 ? <CaptionTemplateForm datasetId={dataset.id} /> : null}
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Images and their captions</caption>
          <tbody>
            {dataset.images.map((image) => (
              <tr key={image.image_id} className="border-t border-neutral-800 align-top">
                <td className="w-24 py-2 pr-3 text-xs md:w-36">
                  <a href={`/images/${image.image_id}`} className="block" data-testid="dataset-thumb">
                    {thumbs[image.image_id] ? (
                      <img
                        src={thumbs[image.image_id]}
                        alt={image.prompt ?? "dataset image"}
                        loading="lazy"
                        className="aspect-square w-full rounded bg-neutral-900 object-contain"
                      />
                    ) : (
                      <span className="font-mono text-sky-400">{image.sha256.slice(0, 12)}</span>
                    )}
                  </a>
                  <div className="mt-1 text-neutral-400">{image.review_status}</div>
                </td>
                <td className="py-2">
                  {canEdit ? (
                    <CaptionForm datasetId={dataset.id} imageId={image.image_id} caption={image.caption} />
                  ) : (
                    image.caption
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
