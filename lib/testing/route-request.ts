import { NextRequest } from "next/server";

type Handler<Params> = (req: NextRequest, context: { params: Promise<Params> }) => Promise<Response>;

/** Calls a route handler as Next would, with a real Request (multipart bodies included). */
export async function callRoute<Params = Record<string, never>>(
  handler: Handler<Params>,
  options: {
    method?: string;
    path?: string;
    key?: string;
    headers?: Record<string, string>;
    body?: BodyInit;
    params?: Params;
  } = {},
): Promise<{ status: number; headers: Headers; json: () => Promise<Record<string, unknown>> }> {
  const headers = new Headers(options.headers);
  if (options.key) headers.set("authorization", `Bearer ${options.key}`);
  const request = new NextRequest(new URL(options.path ?? "/", "http://localhost:3000"), {
    method: options.method ?? "GET",
    headers,
    body: options.body,
    // A streamed body (a chunked upload) must say so; FormData and buffers need not.
    ...(options.body instanceof ReadableStream ? { duplex: "half" as const } : {}),
  });
  const response = await handler(request, { params: Promise.resolve((options.params ?? {}) as Params) });
  return { status: response.status, headers: response.headers, json: () => response.json() };
}

export function multipart(file: Uint8Array | null, metadata?: unknown, filename = "image.png"): FormData {
  const form = new FormData();
  if (file) form.set("file", new Blob([Buffer.from(file)]), filename);
  if (metadata !== undefined)
    form.set("metadata", typeof metadata === "string" ? metadata : JSON.stringify(metadata));
  return form;
}
