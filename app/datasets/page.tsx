import type { Metadata } from "next";
import { TableScroll } from "@/components/ui/table-scroll";
import { requireUser } from "@/lib/auth/session/session";
import { listDatasets } from "@/lib/datasets/list-datasets";
import { getDb } from "@/lib/db/get-db";
import { hasRole } from "@/lib/enums/roles";
import { CreateDatasetForm } from "./create-dataset-form";

export const metadata: Metadata = { title: "Datasets" };

export default async function DatasetsPage() {
  const user = await requireUser("viewer");
  const datasets = await listDatasets(getDb());
  return (
    <section className="mx-auto max-w-5xl space-y-8">
      <h1 className="text-2xl font-semibold">Datasets</h1>
      {hasRole(user.role, "reviewer") ? <CreateDatasetForm /> : null}
      {datasets.length === 0 ? (
        <p className="text-neutral-400">
          No datasets yet. Create one from a filter, or select images in the gallery.
        </p>
      ) : (
        <TableScroll label="Datasets">
          <table className="w-full text-left text-sm">
            <thead className="text-neutral-500">
              <tr>
                <th className="py-2">Name</th>
                <th>Images</th>
                <th>Latest version</th>
                <th>Created</th>
              </tr>
            </thead>
            <tbody>
              {datasets.map((dataset) => (
                <tr key={dataset.id} className="border-t border-neutral-800">
                  <td className="py-2">
                    <a href={`/datasets/${dataset.id}`} className="text-sky-400 hover:underline">
                      {dataset.name}
                    </a>
                  </td>
                  <td>{dataset.image_count}</td>
                  <td>{dataset.latest_version ?? "—"}</td>
                  <td>{dataset.created_at.slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
