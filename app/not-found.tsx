import type { Metadata } from "next";

export const metadata: Metadata = { title: "Not found" };

/** Any address the app does not know, or an image or dataset that is gone: say so, and offer a way back. */
export default function NotFound() {
  return (
    <section className="mx-auto mt-16 max-w-md space-y-4 text-center">
      <h1 className="text-2xl font-semibold">404 — Not found</h1>
      <p className="text-neutral-400">
        There is nothing at this address: the link may be old, or the image or dataset was removed.
      </p>
      <p className="flex flex-wrap justify-center gap-4">
        <a href="/" className="text-sky-400 hover:underline">
          ← Back to the gallery
        </a>
        <a href="/datasets" className="text-sky-400 hover:underline">
          Datasets
        </a>
      </p>
    </section>
  );
}
