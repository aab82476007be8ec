export function EmptyLibrary({ appUrl, canUpload }: { appUrl: string; canUpload: boolean }) {
  const curl = `curl -H "Authorization: Bearer $LIGHTBOX_KEY" \\
  -F file=@image.png \\
  -F 'metadata={"prompt":"a lighthouse at dusk","seed":42,"run":"first-run"}' \\
  ${appUrl}/api/v1/images`;
  return (
    <section className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-semibold">Your library is empty</h1>
      <p className="text-neutral-400">
        Lightbox keeps every image your generators make, with its prompt, seed, model and LoRAs, for review
        and training sets. Post images to the API, or import an existing output folder.
      </p>
      {canUpload ? (
        <p>
          <a
            href="/upload"
            className="rounded-md bg-sky-600 px-3 py-2 text-sm font-medium text-white hover:bg-sky-500"
          >
            Upload images
          </a>
          <span className="ml-3 text-sm text-neutral-400">from this browser, or:</span>
        </p>
      ) : null}
      <div className="space-y-2">
        <h2 className="text-sm font-medium uppercase tracking-wide text-neutral-500">Post from a script</h2>
        <p className="text-sm text-neutral-400">
          Create an API key with the ingest scope under API keys, then:
        </p>
        <pre className="overflow-x-auto rounded-md bg-neutral-900 p-4 text-sm">
          <code>{curl}</code>
        </pre>
      </div>
      <div className="space-y-2">
        <h2 className="text-sm font-medium uppercase tracking-wide text-neutral-500">Import a folder</h2>
        <pre className="overflow-x-auto rounded-md bg-neutral-900 p-4 text-sm">
          <code>npm run cli -- import ./outputs --recursive --run old-outputs</code>
        </pre>
      </div>
    </section>
  );
}
