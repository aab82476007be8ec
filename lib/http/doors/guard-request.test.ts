import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { MAX_ACTION_BODY_BYTES } from "@/lib/http/bodies/action-body-limit";
import { findFormActionNameProblem } from "./action-names";
import { guardRequest } from "./guard-request";
import { refusePageBodyUnread } from "./page-body";

// What proxy.ts refuses before Next or Auth.js would answer 500. Server action bodies are decoded by React's own
// decoder, which needs the react-server build of React: e2e/hostile-doors.spec.ts drives those on the real server.
const request = (path: string, init: { method?: string; headers?: Record<string, string> } = {}) =>
  new NextRequest(new URL(path, "http://localhost:3000"), {
    method: init.method ?? "GET",
    headers: { host: "localhost:3000", ...init.headers },
  });

async function refusal(path: string, init?: Parameters<typeof request>[1]) {
  const response = await guardRequest(request(path, init));
  if (!response) return null;
  const type = response.headers.get("content-type") ?? "";
  return {
    status: response.status,
    body: type.includes("json") ? await response.json() : await response.text(),
  };
}

describe("guardRequest (proxy.ts)", () => {
  it.each([
    "/api/v1/images/%ff",
    "/api/v1/images/%ED%A0%80",
    "/datasets/%ff/versions/1/download",
    "/invite/%ff",
    "/critics/%C0%AE",
    "/api/auth/%",
  ])("refuses the malformed escape in %s with our error shape", async (path) => {
    expect(await refusal(path)).toEqual({
      status: 400,
      body: {
        error: { code: "invalid_request", message: "The path holds a percent-escape that does not decode" },
      },
    });
  });

  it("answers a browser's page request with an HTML page of the same status", async () => {
    const page = await refusal("/images/%ff", { headers: { accept: "text/html" } });
    expect(page?.status).toBe(400);
    expect(page?.body).toContain("<h1>400</h1>");
  });

  it.each([
    [{ host: "[::1" }, "The Host header is not a host name"],
    [{ host: "a b" }, "The Host header is not a host name"],
    [{ "x-forwarded-host": "a.example, b.example" }, "The X-Forwarded-Host header is not one host name"],
    [{ "x-forwarded-proto": "javascript" }, "The X-Forwarded-Proto header must be http or https"],
  ])("refuses host headers no URL can be made of: %j", async (headers, message) => {
    expect(await refusal("/sign-in", { headers })).toEqual({
      status: 400,
      body: { error: { code: "invalid_request", message } },
    });
  });

  it("lets well-formed requests on, a Docker service name and escapes that decode included", async () => {
    expect(await refusal("/images/caf%C3%A9")).toBeNull();
    expect(
      await refusal("/", { headers: { host: "lightbox_app:3000", "x-forwarded-proto": "https" } }),
    ).toBeNull();
    expect(
      await refusal("/upload", { method: "POST", headers: { origin: "http://localhost:3000" } }),
    ).toBeNull();
  });

  it.each(["http://evil.example", "null", "::not a url::"])(
    "refuses a page POST from the foreign Origin %s",
    async (origin) => {
      expect(await refusal("/upload", { method: "POST", headers: { origin, "next-action": "x" } })).toEqual({
        status: 403,
        body: { error: { code: "forbidden", message: "Cross-site requests are not allowed here" } },
      });
    },
  );

  it("refuses a page body over the action limit, or of unknown length, on its headers", async () => {
    const over = await refusal("/upload", {
      method: "POST",
      headers: { "content-length": String(MAX_ACTION_BODY_BYTES + 1), "next-action": "x" },
    });
    expect(over).toMatchObject({ status: 413, body: { error: { code: "payload_too_large" } } });
    const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? null });
    expect(
      refusePageBodyUnread({ url: "/upload", headers: headers({ "transfer-encoding": "chunked" }) }),
    ).toEqual({
      code: "length_required",
      message: "A request to a page must say its Content-Length",
    });
    // The API streams large bodies (uploads) itself.
    expect(
      refusePageBodyUnread({ url: "/api/v1/images", headers: headers({ "content-length": "600000000" }) }),
    ).toBeNull();
  });

  it("refuses a Next-Action header that cannot be an action id, as Next would but in our shape and unlogged", async () => {
    expect(await refusal("/upload", { method: "POST", headers: { "next-action": "7f00" } })).toEqual({
      status: 400,
      body: {
        error: { code: "invalid_request", message: "The Next-Action header does not name a server action" },
      },
    });
  });

  it.each([
    ["an action id field of the wrong form", [["$ACTION_ID_00ff", ""]]],
    ["no action field at all", [["name", "x"]]],
    ["three action references", [1, 2, 3].flatMap((n) => reference(n, `{"id":"${ACTION_ID}","bound":null}`))],
    ["a reference without its descriptor", [["$ACTION_REF_1", ""]]],
    ["a descriptor that is not an action's", reference(1, '{"bound":null}')],
    ["a descriptor with a short id", reference(1, '{"id":"7f00","bound":null}')],
  ])("refuses a form posted without JavaScript with %s", async (_, fields) => {
    const form = new FormData();
    for (const [name, value] of fields as [string, string][]) form.append(name, value);
    const posted = new Request("http://localhost:3000/upload", { method: "POST", body: form });
    const body = new Uint8Array(await posted.arrayBuffer());
    const response = await guardRequest(
      new NextRequest("http://localhost:3000/upload", {
        method: "POST",
        headers: {
          host: "localhost:3000",
          "content-type": posted.headers.get("content-type") ?? "",
          "content-length": String(body.length),
        },
        body,
      }),
    );
    expect(response?.status).toBe(400);
    expect(await response?.json()).toEqual({
      error: { code: "invalid_request", message: "A form posted to a page must name a server action" },
    });
  });

  it("leaves a well-formed action id to Next, which tells a page from another deployment to reload", () => {
    const form = new FormData();
    form.append(`$ACTION_ID_${ACTION_ID}`, "");
    expect(findFormActionNameProblem(form)).toBeNull();
    const bound = new FormData();
    for (const [name, value] of reference(1, `{"id":"${ACTION_ID}","bound":null}`)) bound.append(name, value);
    expect(findFormActionNameProblem(bound)).toBeNull();
  });
});

/** 42 hex digits: the form of an action id (this one is in no build). */
const ACTION_ID = "7f".padEnd(42, "0");
const reference = (n: number, descriptor: string): [string, string][] => [
  [`$ACTION_REF_${n}`, ""],
  [`$ACTION_${n}:0`, descriptor],
];
