import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import http, { type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import {
  cameThroughFront,
  forwardToIngestLane,
  INGEST_LANE_TOKEN_HEADER,
  type IngestLane,
  isIngestLaneRequest,
} from "./ingest-lane";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

const folder = mkdtempSync(path.join(os.tmpdir(), "lightbox-lane-test-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let sockets = 0;

/** A front on a loopback port. */
async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<number> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

/** A lane on a Unix socket, as serve-app's runs. */
async function listenLane(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  const socketPath = path.join(folder, `lane-${++sockets}.sock`);
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return socketPath;
}

/** A front that forwards everything to `lane()` (read at each request, as serve-app reads its supervisor). */
const front = (lane: () => IngestLane | null) => listen((req, res) => forwardToIngestLane(lane(), req, res));

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };
function send(port: number, body: Buffer, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/api/v1/images?run=a",
        headers: { "content-length": String(body.length), ...headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

describe("isIngestLaneRequest", () => {
  it("takes the API's image posts and a direct upload's completion, nothing else", () => {
    expect(isIngestLaneRequest("POST", "/api/v1/images")).toBe(true);
    expect(isIngestLaneRequest("POST", "/api/v1/images?run=night")).toBe(true);
    expect(isIngestLaneRequest("POST", "/api/v1/uploads/0b8f/complete")).toBe(true);
    expect(isIngestLaneRequest("GET", "/api/v1/images")).toBe(false);
    expect(isIngestLaneRequest("POST", "/api/v1/images/0b8f/critiques")).toBe(false);
    expect(isIngestLaneRequest("POST", "/api/v1/imagesx")).toBe(false);
    expect(isIngestLaneRequest("POST", "/api/v1/uploads")).toBe(false);
    expect(isIngestLaneRequest("POST", "/upload")).toBe(false);
    expect(isIngestLaneRequest("POST", undefined)).toBe(false);
  });
});

describe("forwardToIngestLane", () => {
  it("streams the body through with the client's headers and the token, and the lane's answer back", async () => {
    const token = randomBytes(32).toString("base64url");
    const seen: { digest: string; headers: http.IncomingHttpHeaders; url?: string }[] = [];
    const socketPath = await listenLane((req, res) => {
      const hash = createHash("sha256");
      req.on("data", (chunk: Buffer) => hash.update(chunk));
      req.on("end", () => {
        seen.push({ digest: hash.digest("hex"), headers: req.headers, url: req.url });
        res.writeHead(201, { "Content-Type": "application/json", Location: "/api/v1/images/x" });
        res.end(JSON.stringify({ ok: cameThroughFront(req, token) }));
      });
    });
    const frontPort = await front(() => ({ socketPath, token }));
    const body = randomBytes(3 * 1024 * 1024 + 17);

    const answer = await send(frontPort, body, {
      authorization: "Bearer lbx_test",
      "x-forwarded-for": "203.0.113.9",
      "content-type": "application/octet-stream",
      expect: "100-continue",
      [INGEST_LANE_TOKEN_HEADER]: "forged",
    });

    expect(answer).toMatchObject({ status: 201, body: JSON.stringify({ ok: true }) });
    expect(answer.headers.location).toBe("/api/v1/images/x");
    expect(seen).toHaveLength(1);
    expect(seen[0]?.digest).toBe(createHash("sha256").update(body).digest("hex"));
    expect(seen[0]?.url).toBe("/api/v1/images?run=a");
    expect(seen[0]?.headers).toMatchObject({
      authorization: "Bearer lbx_test",
      "x-forwarded-for": "203.0.113.9",
      "content-length": String(body.length),
      [INGEST_LANE_TOKEN_HEADER]: token,
    });
    expect(seen[0]?.headers.expect).toBeUndefined();
  });

  it("answers 503 overloaded with Retry-After while no lane runs, and when the lane refuses the connection", async () => {
    const closedSocket = await listenLane(() => {});
    await new Promise((resolve) => servers.pop()?.close(resolve));
    for (const lane of [null, { socketPath: closedSocket, token: "t" }]) {
      const frontPort = await front(() => lane);
      const answer = await send(frontPort, randomBytes(256 * 1024));
      expect(answer.status).toBe(503);
      expect(answer.headers["retry-after"]).toBe("2");
      expect(JSON.parse(answer.body)).toMatchObject({
        error: { code: "overloaded", details: { retry_after_seconds: 2 } },
      });
    }
  });

  it("breaks off the forwarded request when the client goes away mid-body", async () => {
    let laneRequest: IncomingMessage | undefined;
    const ended = new Promise<boolean>((resolve) => {
      void listenLane((req) => {
        laneRequest = req;
        req.resume();
        req.on("close", () => resolve(req.complete));
      }).then(async (socketPath) => {
        const frontPort = await front(() => ({ socketPath, token: "t" }));
        const client = http.request({
          host: "127.0.0.1",
          port: frontPort,
          method: "POST",
          path: "/api/v1/images",
          headers: { "content-length": String(1024 * 1024) },
        });
        client.on("error", () => {});
        client.write(randomBytes(64 * 1024));
        setTimeout(() => client.destroy(), 200);
      });
    });
    expect(await ended).toBe(false);
    expect(laneRequest).toBeDefined();
  });
});

describe("forwardToIngestLane, when the lane answers before the body is whole", () => {
  it("passes the answer on, stops forwarding the body and closes the lane's connection", async () => {
    let received = 0;
    const answers: number[] = [];
    const laneConnectionClosed = new Promise<string>((resolve) => {
      void listenLane((req, res) => {
        req.on("data", (chunk: Buffer) => {
          received += chunk.length;
        });
        req.socket.on("close", () => resolve("closed"));
        res.writeHead(413, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ error: { code: "payload_too_large" } }));
      }).then(async (socketPath) => {
        const frontPort = await front(() => ({ socketPath, token: "t" }));
        const client = http.request(
          {
            host: "127.0.0.1",
            port: frontPort,
            method: "POST",
            path: "/api/v1/images",
            headers: { "content-length": String(64 * 1024 * 1024) },
          },
          (response) => {
            answers.push(response.statusCode ?? 0);
            response.resume();
          },
        );
        client.on("error", () => {});
        // Sends on after the answer, as a client does that reads it only once its body is out (~19 MB here).
        const chunk = randomBytes(256 * 1024);
        const timer = setInterval(() => client.write(chunk), 20);
        setTimeout(() => clearInterval(timer), 1500);
      });
      setTimeout(() => resolve("still open after 5 s"), 5000);
    });
    expect(await laneConnectionClosed).toBe("closed");
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect(answers).toEqual([413]);
    expect(received).toBeLessThan(4 * 1024 * 1024);
  });
});

describe("cameThroughFront", () => {
  it("holds only for the front's token", () => {
    const request = (value?: string) =>
      ({ headers: value === undefined ? {} : { [INGEST_LANE_TOKEN_HEADER]: value } }) as IncomingMessage;
    expect(cameThroughFront(request("secret-token"), "secret-token")).toBe(true);
    expect(cameThroughFront(request("secret-tokem"), "secret-token")).toBe(false);
    expect(cameThroughFront(request("secret"), "secret-token")).toBe(false);
    expect(cameThroughFront(request(), "secret-token")).toBe(false);
  });
});
