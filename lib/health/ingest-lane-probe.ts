// Whether the ingest lane (lib/http/doors/ingest-lane.ts) is up, as the server that supervises it
// (scripts/serve-app.ts) sees it, for /api/health in the same process. Kept on globalThis: the app's routes are
// bundled apart from the server script, so a module variable here would be one copy per bundle.

/** "ok": image posts are handed to a running lane; "restarting": it died or is starting, and they are answered 503. */
export type IngestLaneHealth = "ok" | "restarting";
type Probe = () => IngestLaneHealth;

const PROBE = Symbol.for("lightbox.ingestLaneProbe");
const registry = globalThis as { [PROBE]?: Probe };

/** Called once by the server that runs a lane; a process without one (inline, Vercel, Docker) never calls it. */
export function registerIngestLaneProbe(probe: Probe): void {
  registry[PROBE] = probe;
}

/** The lane's state, or null in a process that stores image posts itself. */
export function probeIngestLane(): IngestLaneHealth | null {
  return registry[PROBE]?.() ?? null;
}
