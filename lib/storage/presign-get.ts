import "server-only";
import { createHash, createHmac } from "node:crypto";
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";

/**
 * SigV4 query presigning of GETs, the hot path of every gallery page. The SDK's getSignedUrl runs the whole
 * middleware stack and costs about 1 ms a URL here (100 thumbnails: 100 ms). We let the SDK resolve the
 * endpoint once per client and bucket (path or virtual-host style, region: see `resolveEndpoint`), cache
 * the derived signing key per day, and do the per-URL part (one SHA-256, one HMAC) ourselves: a few µs.
 * signing.test.ts checks the output is byte-identical to getSignedUrl and to an independent SigV4 computation.
 */

type Endpoint = { origin: string; host: string; pathPrefix: string; region: string; service: string };
type SigningKey = { secret: string; scope: string; key: Buffer };
type ClientState = { endpoints: Map<string, Promise<Endpoint>>; signingKey?: SigningKey };

const PROBE_KEY = "lightbox-endpoint-probe";
const states = new WeakMap<S3Client, ClientState>();

export async function presignGet(
  client: S3Client,
  bucket: string,
  key: string,
  options: { signingDate: Date; expiresIn: number; contentDisposition?: string },
): Promise<string> {
  const state = stateOf(client);
  const endpoint = await resolveEndpoint(client, state, bucket);
  // The SDK memoizes the provider and refreshes temporary credentials before they expire.
  const credentials = await client.config.credentials();
  const amzDate = options.signingDate.toISOString().replace(/[-:]|\.\d{3}/g, "");
  const day = amzDate.slice(0, 8);
  const scope = `${day}/${endpoint.region}/${endpoint.service}/aws4_request`;

  const params: [string, string][] = [
    ["X-Amz-Algorithm", "AWS4-HMAC-SHA256"],
    ["X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD"],
    ["X-Amz-Credential", `${credentials.accessKeyId}/${scope}`],
    ["X-Amz-Date", amzDate],
    ["X-Amz-Expires", String(options.expiresIn)],
    ["X-Amz-SignedHeaders", "host"],
    // The SDK marks every request with its operation; kept so our URLs equal getSignedUrl's.
    ["x-id", "GetObject"],
  ];
  if (credentials.sessionToken) params.push(["X-Amz-Security-Token", credentials.sessionToken]);
  if (options.contentDisposition) params.push(["response-content-disposition", options.contentDisposition]);

  const path = endpoint.pathPrefix + key.split("/").map(escapeUri).join("/");
  const canonicalRequest = [
    "GET",
    path,
    toQuery(params),
    `host:${endpoint.host}\n`,
    "host",
    "UNSIGNED-PAYLOAD",
  ].join("\n");
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonicalRequest)].join("\n");
  const signingKey = signingKeyFor(state, credentials.secretAccessKey, scope);
  const signature = createHmac("sha256", signingKey).update(stringToSign).digest("hex");
  return `${endpoint.origin}${path}?${toQuery([...params, ["X-Amz-Signature", signature]])}`;
}

function stateOf(client: S3Client): ClientState {
  let state = states.get(client);
  if (!state) {
    state = { endpoints: new Map() };
    states.set(client, state);
  }
  return state;
}

/** Presigns a probe key with the SDK once and keeps everything around the key: origin, path prefix, region. */
function resolveEndpoint(client: S3Client, state: ClientState, bucket: string): Promise<Endpoint> {
  let endpoint = state.endpoints.get(bucket);
  if (!endpoint) {
    endpoint = getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: PROBE_KEY })).then((url) => {
      const probe = new URL(url);
      const [, , region, service] = (probe.searchParams.get("X-Amz-Credential") ?? "").split("/");
      if (!probe.pathname.endsWith(`/${PROBE_KEY}`) || !region || !service) {
        throw new Error("could not read the S3 endpoint from a presigned probe URL");
      }
      const pathPrefix = probe.pathname.slice(0, -PROBE_KEY.length);
      return { origin: probe.origin, host: probe.host, pathPrefix, region, service };
    });
    // A failed probe (credentials not available yet) must not stay cached.
    endpoint.catch(() => state.endpoints.delete(bucket));
    state.endpoints.set(bucket, endpoint);
  }
  return endpoint;
}

/** kSigning = HMAC chain over date, region, service (SigV4 spec); changes once a day, so cache it. */
function signingKeyFor(state: ClientState, secret: string, scope: string): Buffer {
  const cached = state.signingKey;
  if (cached?.secret !== secret || cached.scope !== scope) {
    const [day = "", region = "", service = ""] = scope.split("/");
    let key = createHmac("sha256", `AWS4${secret}`).update(day).digest();
    for (const part of [region, service, "aws4_request"])
      key = createHmac("sha256", key).update(part).digest();
    state.signingKey = { secret, scope, key };
    return key;
  }
  return cached.key;
}

/** RFC 3986 encoding as SigV4 and the SDK's URL builder use it (encodeURIComponent leaves !'()* alone). */
export function escapeUri(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function toQuery(params: [string, string][]): string {
  return params
    .map(([name, value]) => [escapeUri(name), escapeUri(value)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
}

function sha256Hex(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
