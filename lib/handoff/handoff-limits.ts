// Client-safe: the gallery's selection bar offers a handoff link up to this many ids.

/** A URL carries at most this many image ids (~7.4 KB); a larger selection is handed off as a filter or by the CLI. */
export const MAX_HANDOFF_IDS_IN_LINK = 200;
