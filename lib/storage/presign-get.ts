import "server-only";
import { createHash, createHmac } from "node:crypto";
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";

/**
 * SigV4 query presigning of GETs, the hot path of every gallery page. The SDK's getSignedUrl runs the whole
 * middleware stack and costs about 1 ms a URL here (100 thumbnails: 100 ms). We let the SDK resolve the
 * endpoint once per client and bucket (path or virtual-host style, region: see `resolveEndpoint`), and per
 * signing window derive the signing key and the query parameters every URL shares. What is left per URL is
 * one SHA-256 and one HMAC. signing.test.ts checks the output is byte-identical to getSignedUrl's and to an
 * independent SigV4 computation.
 */

type Endpoint = { origin: string; host: string; pathPrefix: string; region: string; service: string };
type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
type WindowSigner = {
  endpoint: Endpoint;
  time: number;
  expiresIn: number;
  credentials: Credentials;
  /** The encoded query parameters that sort before X-Amz-Signature. */
  head: string;
  stringToSignPrefix: string;
  signingKey: Buffer;
};
type ClientState = { endpoints: Map<string, Promise<Endpoint>>; signer?: WindowSigner };

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
  const signer = signerFor(state, endpoint, credentials, options.signingDate, options.expiresIn);

  const path = endpoint.pathPrefix + key.split("/").map(escapeUri).join("/");
  // SigV4 sorts query parameters by name, and upper-case "X-Amz-*" sorts before lower-case names. The
  // x-id marker is what the SDK adds to every request; kept so our URLs equal getSignedUrl's.
  const disposition = options.contentDisposition
    ? `&response-content-disposition=${escapeUri(options.contentDisposition)}`
    : "";
  const tail = `X-Amz-SignedHeaders=host${disposition}&x-id=GetObject`;
  const canonicalRequest = `GET\n${path}\n${signer.head}&${tail}\nhost:${endpoint.host}\n\nhost\nUNSIGNED-PAYLOAD`;
  const stringToSign = signer.stringToSignPrefix + sha256Hex(canonicalRequest);
  const signature = createHmac("sha256", signer.signingKey).update(stringToSign).digest("hex");
  return `${endpoint.origin}${path}?${signer.head}&X-Amz-Signature=${signature}&${tail}`;
}

/** Everything that is the same for all URLs of one window; rebuilt when the window or credentials change. */
function signerFor(
  state: ClientState,
  endpoint: Endpoint,
  credentials: Credentials,
  signingDate: Date,
  expiresIn: number,
): WindowSigner {
  const cached = state.signer;
  if (
    cached?.endpoint === endpoint &&
    cached.time === signingDate.getTime() &&
    cached.expiresIn === expiresIn &&
    cached.credentials.accessKeyId === credentials.accessKeyId &&
    cached.credentials.secretAccessKey === credentials.secretAccessKey &&
    cached.credentials.sessionToken === credentials.sessionToken
  ) {
    return cached;
  }
  const amzDate = signingDate.toISOString().replace(/[-:]|\.\d{3}/g, "");
  const day = amzDate.slice(0, 8);
  const scope = `${day}/${endpoint.region}/${endpoint.service}/aws4_request`;
  const params = [
    ["X-Amz-Algorithm", "AWS4-HMAC-SHA256"],
    ["X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD"],
    ["X-Amz-Credential", `${credentials.accessKeyId}/${scope}`],
    ["X-Amz-Date", amzDate],
    ["X-Amz-Expires", String(expiresIn)],
    ...(credentials.sessionToken ? [["X-Amz-Security-Token", credentials.sessionToken]] : []),
  ];
  // kSigning: the HMAC chain over day, region and service from the SigV4 spec.
  let signingKey = createHmac("sha256", `AWS4${credentials.secretAccessKey}`).update(day).digest();
  for (const part of [endpoint.region, endpoint.service, "aws4_request"]) {
    signingKey = createHmac("sha256", signingKey).update(part).digest();
  }
  state.signer = {
    endpoint,
    time: signingDate.getTime(),
    expiresIn,
    credentials: { ...credentials },
    head: params.map(([name, value = ""]) => `${name}=${escapeUri(value)}`).join("&"),
    stringToSignPrefix: `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n`,
    signingKey,
  };
  return state.signer;
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

/** RFC 3986 encoding as SigV4 and the SDK's URL builder use it (encodeURIComponent leaves !'()* alone). */
export function escapeUri(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function sha256Hex(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
