import type { Metadata } from "next";
import { TableScroll } from "@/components/ui/table-scroll";
import { requireUser } from "@/lib/auth/session/session";
import { getDb } from "@/lib/db/get-db";
import { formatBytes } from "@/lib/format/format-bytes";
import { getLastDoctorReport } from "@/lib/maintenance/doctor/doctor-reports";
import { RunDoctorForm } from "./run-doctor-form";

export const metadata: Metadata = { title: "Integrity" };

const STATUS_STYLE = { clean: "text-emerald-400", fixed: "text-sky-400", broken: "text-red-400" } as const;

export default async function DoctorPage() {
  await requireUser("admin");
  const report = await getLastDoctorReport(getDb());
  return (
    <section className="mx-auto max-w-5xl space-y-6">
      <h1 className="text-2xl font-semibold">Integrity</h1>
      <p className="text-sm text-neutral-400">
        The doctor compares the database with the bucket: rows without objects, objects without rows,
        variants, checksums and abandoned uploads. It also runs from the command line:{" "}
        <code>npm run cli -- doctor [--fix]</code>.
      </p>
      <RunDoctorForm />
      {report ? (
        <div className="space-y-3" data-testid="doctor-report">
          <p>
            Last check {report.started_at.slice(0, 19).replace("T", " ")} UTC ({report.duration_ms} ms
            {report.fix ? ", with fixes" : ""}
            {report.verify_checksums ? ", checksums verified" : ""}):{" "}
            <strong className={STATUS_STYLE[report.status]}>{report.status}</strong> — {report.checked.images}{" "}
            images, {report.checked.variants} variants, {report.checked.objects} objects checked.
          </p>
          {report.bytes ? (
            <p className="text-sm text-neutral-400" data-testid="doctor-bytes">
              {Object.entries(report.bytes).map(([prefix, { rows, listed }]) => (
                <span key={prefix} className="mr-4">
                  {prefix}: {formatBytes(rows)} in rows, {formatBytes(listed)} listed
                  {rows === listed ? " (equal)" : ` (differ by ${formatBytes(listed - rows)})`}
                </span>
              ))}
            </p>
          ) : null}
          <TableScroll label="Integrity findings">
            <table className="w-full text-left text-sm">
              <thead className="text-neutral-500">
                <tr>
                  <th className="py-2">Finding</th>
                  <th>Found</th>
                  <th>Fixed</th>
                  <th>Examples</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(report.counts).map(([kind, count]) => (
                  <tr key={kind} className="border-t border-neutral-800 align-top">
                    <td className="py-2">{kind.replaceAll("_", " ")}</td>
                    <td>{count?.found}</td>
                    <td>{count?.fixed}</td>
                    <td className="font-mono text-xs">
                      {(report.examples[kind as keyof typeof report.examples] ?? []).map((example) => (
                        <div key={`${example.key ?? ""}${example.imageId ?? ""}${example.uploadId ?? ""}`}>
                          {example.key ?? example.imageId ?? example.uploadId} {example.detail ?? ""}
                        </div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </div>
      ) : (
        <p className="text-neutral-400">No check has run yet.</p>
      )}
    </section>
  );
}
