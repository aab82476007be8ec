import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { getDataset } from "@/lib/datasets/get-dataset";
import { getDb } from "@/lib/db";
import { CaptionForm, CaptionTemplateForm, FreezeVersionForm } from "./dataset-forms";

export const metadata: Metadata = { title: "Dataset" };

export default async function DatasetPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser("viewer");
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const result = await getDataset(getDb(), id.data);
  if (!result.ok) notFound();
  const dataset = result.value;
  const canEdit = hasRole(user.role, "reviewer");
  return (
    <section className="mx-auto max-w-6xl space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">{dataset.name}</h1>
        {dataset.description ? <p className="text-neutral-400">{dataset.description}</p> : null}
        {dataset.filter ? (
          <p className="text-xs text-neutral-500">From filter {JSON.stringify(dataset.filter)}</p>
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
          <tbody>
            {dataset.images.map((image) => (
              <tr key={image.image_id} className="border-t border-neutral-800 align-top">
                <td className="w-40 py-2 font-mono text-xs">
                  <a href={`/images/${image.image_id}`} className="text-sky-400 hover:underline">
                    {image.sha256.slice(0, 12)}
                  </a>
                  <div className="text-neutral-500">{image.review_status}</div>
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
