import { z } from "zod";
import { criticNameSchema, criticVersionSchema } from "@/lib/critics/critic-name";
import {
  disagreementCsvHeader,
  disagreementCsvLine,
  listDisagreementRows,
} from "@/lib/critics/list-disagreement-rows";
import { getDb } from "@/lib/db";
import { sessionRoute } from "@/lib/http/session-route";

export const dynamic = "force-dynamic";
const paramsSchema = z.object({ critic: criticNameSchema });
const querySchema = z.object({
  version: criticVersionSchema,
  format: z.enum(["csv", "jsonl"]).default("csv"),
});

/** Streams a critic version's disagreements with the humans as CSV or JSONL (a training signal for the critic). */
export const GET = sessionRoute(
  { role: "viewer", params: paramsSchema, query: querySchema },
  async ({ params: { critic }, query: { version, format } }) => {
    const rows = listDisagreementRows(getDb(), { critic, version });
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
  },
);
