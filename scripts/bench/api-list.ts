// GET /api/v1/images beside its own SQL, on bench:gallery's rows: the route handler called in this process as Next
// calls it (API key, query schema, the page, its records, signed thumb URLs, the JSON body), the data function
// alone, and the statements the data function sends, replayed straight to the driver. Each run reads the next
// page of the walk, so every thumb URL is signed afresh, as for a client paging through. Target: handler ≤ 3× SQL.
import { NextRequest } from "next/server";
import { authenticateApiKey, createApiKey } from "@/lib/auth/keys/api-keys";
import type { Database } from "@/lib/db/client";
import { listImages, listImagesQuerySchema } from "@/lib/images/lists/list-images";
import type { Storage } from "@/lib/storage/storage";
import { capturedStatements, fmt, loadAverage, medians, RUNS, replay } from "./timing";

const LIMIT = 60;

type Stack = { db: Database; storage: Storage; env: Record<string, string> };

export async function benchApiList(stack: Stack, deepCursor: string | null): Promise<void> {
  Object.assign(process.env, stack.env);
  const { GET } = await import("@/app/api/v1/images/route");
  const { key } = await createApiKey(stack.db, { name: "bench", scopes: ["read"] });
  console.log(
    `API list page, GET /api/v1/images?limit=${LIMIT}, median ms over ${RUNS} pages (load ${loadAverage()})`,
  );
  console.log("                      handler  data fn  bare SQL  key check   handler/bare   body KB");
  for (const [where, start] of [
    ["first pages", null],
    ["deep pages", deepCursor],
  ] as const) {
    const pages = await walkPages(stack, start, RUNS + 5);
    const pageAt = (run: number) => pages[run % pages.length] as Page;
    let bytes = 0;
    const [handler = 0, data = 0, bare = 1, auth = 0] = await medians([
      async (run) => {
        const response = await GET(
          new NextRequest(`http://localhost:3000/api/v1/images?${pageAt(run).search}`, {
            headers: { authorization: `Bearer ${key}` },
          }),
          { params: Promise.resolve({}) },
        );
        bytes = (await response.arrayBuffer()).byteLength;
        if (response.status !== 200) throw new Error(`the API answered ${response.status}`);
      },
      // A new Storage identity each time: signGetUrl's per-window memo starts empty, as for the handler's new pages.
      (run) => listImages({ db: stack.db, storage: { ...stack.storage } }, pageAt(run).query),
      (run) => replay(stack.db, pageAt(run).statements),
      // The address the handler sees here (no proxy header): the same, so neither writes the last-used stamp.
      () => authenticateApiKey(stack.db, key, null),
    ]);
    const ratio = `${(handler / bare).toFixed(2)}`.padStart(15);
    console.log(
      `${where.padEnd(20)} ${fmt(handler)} ${fmt(data)}  ${fmt(bare)}  ${fmt(auth)}${ratio}   ${(bytes / 1024).toFixed(1).padStart(7)}`,
    );
  }
  console.log("(handler/bare target ≤ 3)\n");
}

type Page = {
  search: URLSearchParams;
  query: Parameters<typeof listImages>[1];
  statements: Awaited<ReturnType<typeof capturedStatements>>;
};

/** `count` successive pages from `start`, each with the statements its data function sends. */
async function walkPages(stack: Stack, start: string | null, count: number): Promise<Page[]> {
  const pages: Page[] = [];
  let cursor = start;
  while (pages.length < count) {
    const search = new URLSearchParams({ limit: String(LIMIT), ...(cursor ? { cursor } : {}) });
    const query = listImagesQuerySchema.parse(Object.fromEntries(search));
    const answers: (string | null)[] = [];
    const statements = await capturedStatements(stack.db, async (db) => {
      const result = await listImages({ db, storage: stack.storage }, query);
      if (!result.ok) throw new Error(result.error.message);
      answers.push(result.value.next_cursor);
    });
    pages.push({ search, query, statements });
    cursor = answers[0] ?? null;
    if (!cursor) break;
  }
  return pages;
}
