// Files up to this size go to a server action in the request body; larger ones go straight to the bucket with a
// presigned PUT (Vercel functions accept ~4.5 MB of body). next.config.ts allows server action bodies just above it.
export const MAX_ACTION_UPLOAD_BYTES = 4 * 1024 * 1024;
