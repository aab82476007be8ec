export const dynamic = "force-dynamic";

export default function HomePage() {
  return (
    <section className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-semibold">Your library is empty</h1>
      <p className="text-neutral-400">
        Lightbox keeps every image your generators make, with its prompt, seed, model and LoRAs, for review
        and training sets. Post images to the API, or import an existing output folder.
      </p>
      <div className="space-y-2">
        <h2 className="text-sm font-medium uppercase tracking-wide text-neutral-500">Check the service</h2>
        <pre className="overflow-x-auto rounded-md bg-neutral-900 p-4 text-sm">
          <code>curl -s {"<this URL>"}/api/health</code>
        </pre>
      </div>
    </section>
  );
}
