export default function Forbidden() {
  return (
    <section className="mx-auto mt-16 max-w-md space-y-3 text-center">
      <h1 className="text-2xl font-semibold">403 — Not allowed</h1>
      <p className="text-neutral-400">
        Your role does not give access to this page. Ask an admin if you need it.
      </p>
      <a href="/" className="text-sky-400 hover:underline">
        Back to the gallery
      </a>
    </section>
  );
}
