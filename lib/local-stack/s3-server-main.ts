// Child process entry: runs s3rver until its parent goes away. Started by s3-server.ts with
// --openssl-legacy-provider, because s3rver encrypts ListObjectsV2 continuation tokens with DES and
// answers 500 on every truncated page without it.
import S3rver from "s3rver";

const [portArgument, directory, bucket, appOrigin] = process.argv.slice(2);
if (!portArgument || !directory || !bucket) {
  console.error("usage: s3-server-main <port> <directory> <bucket> [app origin]");
  process.exit(2);
}
if (appOrigin !== undefined && (!URL.canParse(appOrigin) || new URL(appOrigin).origin !== appOrigin)) {
  console.error(`not an origin: ${appOrigin}`);
  process.exit(2);
}

// s3rver checks no signature, so any web page allowed here could read and overwrite the library. Only the app's
// own pages may, and only as they need: PUT straight to the bucket (direct uploads), GET/HEAD presigned URLs.
const corsConfig = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>${appOrigin}</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>3600</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

const server = new S3rver({
  port: Number(portArgument),
  address: "127.0.0.1",
  directory,
  silent: true,
  // Without an app origin (tests, tools) no browser is let in at all.
  configureBuckets: [{ name: bucket, configs: appOrigin ? [corsConfig] : [] }],
});

// CORS only stops pages from reading answers. A cross-site form POST needs no preflight, and s3rver accepts
// browser form uploads with any signature, so a request naming another origin is refused before s3rver sees it.
// Browsers send Origin on every such request; the app's own SDK calls send none.
// s3rver answers a matching preflight with `Access-Control-Allow-Origin: *`; it is said here as the app's exact
// origin, and every answer varies by Origin (a cache must not hand one origin's answer to another).
type KoaContext = {
  method: string;
  path: string;
  querystring: string;
  get: (header: string) => string;
  set: (header: string, value: string) => void;
  vary: (header: string) => void;
  response: { get: (header: string) => string };
  status: number;
  body: unknown;
};
type KoaMiddleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;
const { middleware, store } = server as unknown as {
  middleware: KoaMiddleware[];
  store: { getBucket: (name: string) => Promise<unknown> };
};
middleware.unshift(async (ctx, next) => {
  ctx.vary("Origin");
  const origin = ctx.get("origin");
  if (origin && origin !== appOrigin) {
    ctx.status = 403;
    ctx.body = "";
    return;
  }
  await next();
  if (origin && ctx.response.get("access-control-allow-origin"))
    ctx.set("Access-Control-Allow-Origin", origin);
});

// HeadBucket, what the health check asks on every call, is answered by s3rver's GET route: a listing of up to 1,000
// objects that reads each one's metadata file. At 25,000 objects that took this process 70–100 ms a call, in which
// it served no thumbnail, and one unreadable metadata file made the store look down. S3 answers it from the bucket
// alone, and so does this (after the origin check above).
// Only a path that is a valid bucket name (S3's rules: nothing to decode); anything else is s3rver's to answer.
const BUCKET_PATH = /^\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/?$/;
middleware.splice(1, 0, async (ctx, next) => {
  const bucketName = BUCKET_PATH.exec(ctx.path)?.[1];
  if (ctx.method !== "HEAD" || !bucketName || ctx.querystring !== "") return next();
  ctx.status = (await store.getBucket(bucketName)) ? 200 : 404;
  ctx.body = "";
});

await server.run();
process.stdout.write("ready\n");

const shutdown = async () => {
  await server.close().catch(() => {});
  process.exit(0);
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
// The parent holds our stdin open; when it dies (even by SIGKILL) the pipe closes and we follow.
process.stdin.on("end", shutdown);
process.stdin.resume();
