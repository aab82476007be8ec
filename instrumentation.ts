// Runs once when a server instance boots: a bad deployment fails here, naming every wrong variable,
// instead of at the first upload.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getConfig } = await import("./lib/config");
  getConfig();
}
