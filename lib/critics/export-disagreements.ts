import "server-only";
import type { Queryable } from "@/lib/db/client";
import { disagreementCsvHeader, disagreementCsvLine, listDisagreementRows } from "./list-disagreement-rows";

export const DISAGREEMENT_FORMATS = ["csv", "jsonl"] as const;
type DisagreementFormat = (typeof DISAGREEMENT_FORMATS)[number];

/**
 * A critic version's disagreements with the humans as a CSV or JSONL download, read page by page as the client
 * consumes it (an export of any size holds one page in memory).
 */
export function exportDisagreements(
  db: Queryable,
  target: { critic: string; version: string; format: DisagreementFormat },
): Response {
  const { critic, version, format } = target;
  const rows = listDisagreementRows(db, { critic, version });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (format === "csv") controller.enqueue(encoder.encode(disagreementCsvHeader()));
    },
    async pull(controller) {
      const next = await rows.next();
      if (next.done) return controller.close();
      const line = format === "csv" ? disagreementCsvLine(next.value) : `${JSON.stringify(next.value)}\n`;
      controller.enqueue(encoder.encode(line));
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  const name = `${critic}-${version}-disagreements.${format}`.replace(/[^A-Za-z0-9._+-]/g, "_");
  return new Response(body, {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
}
