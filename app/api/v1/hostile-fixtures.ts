// Test support for hostile-input.test.ts: the route handler of each operation in the route list (api-routes.ts), existing resources for
// valid path parameters (renewed when a case consumed them), unique images, and multipart-level hostile bodies.
import { sql } from "drizzle-orm";
import { encodePng } from "@/lib/metadata/testing/png-encoder";
import type { CaseClass } from "@/lib/testing/hostile-cases";
import type { RouteHandler } from "@/lib/testing/hostile-driver";
import type { Random } from "@/lib/testing/hostile-values";
import { callRoute, multipart } from "@/lib/testing/route-request";
import type { TestContext } from "@/lib/testing/test-context";
import { API_ROUTES } from "./api-routes";
import { loadRouteModule } from "./route-files";

type MultipartCase = [CaseClass, string, () => Promise<{ body: BodyInit; headers: Record<string, string> }>];

export async function createHostileFixtures(context: TestContext, key: string) {
  const modules = Object.fromEntries(
    await Promise.all(
      Object.keys(API_ROUTES).map(async (path) => [path, await loadRouteModule(path)] as const),
    ),
  );
  const handler = (path: string, method: string) =>
    modules[path]?.[method.toUpperCase()] as RouteHandler | undefined;
  let counter = 0;
  /** An 8×8 PNG whose pixels encode a counter: unique bytes, so no case hits the duplicate path. */
  const uniquePng = () => {
    counter += 1;
    const rgba = new Uint8Array(8 * 8 * 4).fill(255);
    new DataView(rgba.buffer).setUint32(0, counter);
    return encodePng({ width: 8, height: 8, rgba });
  };
  const post = async (path: string, body: unknown, params = {}) => {
    const response = await callRoute(handler(path, "post") as never, {
      method: "POST",
      key,
      params,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (response.status >= 300) throw new Error(`fixture ${path}: ${JSON.stringify(await response.json())}`);
    return response.json() as Promise<Record<string, unknown>>;
  };
  const postImage = async () => {
    const response = await callRoute(handler("/images", "post") as never, {
      method: "POST",
      key,
      body: multipart(uniquePng()),
    });
    return String((await response.json()).id);
  };
  const stageUpload = async () => {
    const bytes = uniquePng();
    const ticket = await post("/uploads", { content_type: "image/png", byte_size: bytes.length });
    await fetch(String(ticket.upload_url), {
      method: "PUT",
      headers: ticket.headers as Record<string, string>,
      body: Buffer.from(bytes),
    });
    return String(ticket.id);
  };

  const members = [await postImage(), await postImage()];
  const dataset = String((await post("/datasets", { name: "hostile", image_ids: members })).id);
  await post("/datasets/{id}/versions", {}, { id: dataset });
  const stable = await postImage();
  let victim = await postImage();
  let upload: string | undefined;
  let modelCount = 0;
  const registerModel = async () => {
    modelCount += 1;
    const autov1 = modelCount.toString(16).padStart(8, "0");
    const model = { name: `hostile ${modelCount}`, kind: "lora", dataset, version: 1, autov1 };
    return String((await post("/models", model)).id);
  };
  let trainedModel = await registerModel();

  return {
    handler,
    /** Valid path parameters for `path`: existing resources, renewed after a case consumed them. */
    async params(path: string, method: string): Promise<Record<string, string>> {
      // The staged upload again while still pending (a refused body leaves it so); a completed or failed one
      // cannot be completed again.
      if (path === "/uploads/{id}/complete") {
        const [pending] = upload
          ? await context.db.execute(sql`select 1 from uploads where id = ${upload} and status = 'pending'`)
          : [];
        if (!pending) upload = await stageUpload();
        return { id: upload ?? "" };
      }
      if (path === "/models/{id}") {
        const [row] = await context.db.execute(sql`select 1 from trained_models where id = ${trainedModel}`);
        if (!row) trainedModel = await registerModel();
        return { id: trainedModel };
      }
      if (path.startsWith("/datasets/{id}")) {
        // No caption change exists: its undo answers 404, which is what a hostile body may get too.
        const changeId = "00000000-0000-4000-8000-000000000000";
        return { id: dataset, imageId: members[0] ?? "", version: "1", changeId };
      }
      if (path.startsWith("/images/{id}")) {
        if (method === "get" && path === "/images/{id}") return { id: stable };
        const [row] = await context.db.execute(sql`select 1 from images where id = ${victim}`);
        if (!row) victim = await postImage();
        return { id: victim };
      }
      return {};
    },
    form(metadataText: string) {
      return multipart(uniquePng(), metadataText);
    },
    multipartCases(random: Random): MultipartCase[] {
      const form = (build: (form: FormData) => void) => async () => {
        const body = new FormData();
        build(body);
        return { body, headers: {} };
      };
      const raw =
        (contentType: string, text: string, headers: Record<string, string> = {}) =>
        async () => ({
          body: text,
          headers: { "content-type": contentType, ...headers },
        });
      const boundary = "hostile-boundary";
      const part = (disposition: string, body: string) =>
        `--${boundary}\r\nContent-Disposition: form-data; ${disposition}\r\n\r\n${body}\r\n`;
      const png = () => Buffer.from(uniquePng()).toString("latin1");
      const multipartType = `multipart/form-data; boundary=${boundary}`;
      const idempotencyKey = `hostile-${Math.floor(random() * 1e9)}`;
      return [
        ["missing", "no file part", form((body) => body.set("metadata", "{}"))],
        ["wrong-type", "file sent as a text field", form((body) => body.set("file", "not a file"))],
        [
          "wrong-type",
          "metadata sent as a file",
          form((body) => {
            body.set("file", new Blob([Buffer.from(uniquePng())]), "a.png");
            body.set("metadata", new Blob(["{}"]), "metadata.json");
          }),
        ],
        [
          "extra-field",
          "two file parts",
          form((body) => {
            body.append("file", new Blob([Buffer.from(uniquePng())]), "a.png");
            body.append("file", new Blob([Buffer.from(uniquePng())]), "b.png");
          }),
        ],
        [
          "traversal",
          "filename ../../../etc/passwd",
          form((body) => body.set("file", new Blob([Buffer.from(uniquePng())]), "../../../etc/passwd")),
        ],
        [
          "nul",
          "NUL in the filename",
          raw(multipartType, `${part('name="file"; filename="a\u0000.png"', png())}--${boundary}--\r\n`),
        ],
        [
          "surrogate",
          "lone surrogate in metadata part",
          raw(
            multipartType,
            `${part('name="file"; filename="a.png"', png())}${part('name="metadata"', '{"prompt":"\\ud800"}')}--${boundary}--\r\n`,
          ),
        ],
        ["boundary", "empty file", form((body) => body.set("file", new Blob([]), "empty.png"))],
        ["shape", "JSON instead of multipart", raw("application/json", '{"file":"x"}')],
        ["shape", "multipart without a boundary", raw("multipart/form-data", "x")],
        [
          "broken-json",
          "garbage multipart body",
          raw(multipartType, `--${boundary}\r\nContent-Disposition: form-da`),
        ],
        [
          "huge",
          "a 10,000-part body",
          raw(multipartType, `${part('name="x"', "y").repeat(10_000)}--${boundary}--\r\n`),
        ],
        [
          "huge",
          "Idempotency-Key of 300 characters",
          async () => ({ body: multipart(uniquePng()), headers: { "idempotency-key": "k".repeat(300) } }),
        ],
        [
          "traversal",
          "Idempotency-Key ../../x",
          async () => ({ body: multipart(uniquePng()), headers: { "idempotency-key": "../../x" } }),
        ],
        [
          "valid",
          "Idempotency-Key, first use",
          async () => ({ body: multipart(uniquePng()), headers: { "idempotency-key": idempotencyKey } }),
        ],
        [
          "boundary",
          "Idempotency-Key reused with another body",
          async () => ({ body: multipart(uniquePng()), headers: { "idempotency-key": idempotencyKey } }),
        ],
      ];
    },
  };
}
