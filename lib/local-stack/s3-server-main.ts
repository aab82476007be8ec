// Child process entry: runs s3rver until its parent goes away. Started by s3-server.ts with
// --openssl-legacy-provider, because s3rver encrypts ListObjectsV2 continuation tokens with DES and
// answers 500 on every truncated page without it.
import S3rver from "s3rver";

const [portArgument, directory, bucket] = process.argv.slice(2);
if (!portArgument || !directory || !bucket) {
  console.error("usage: s3-server-main <port> <directory> <bucket>");
  process.exit(2);
}

// Browsers PUT straight to the bucket (direct uploads) and GET through presigned URLs.
const corsConfig = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
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
  configureBuckets: [{ name: bucket, configs: [corsConfig] }],
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
