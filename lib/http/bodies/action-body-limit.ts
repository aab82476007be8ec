// A server action body holds at most this many bytes: the upload page's files (MAX_ACTION_UPLOAD_BYTES, 4 MB) plus
// form framing. next.config.ts gives it to Next; proxy.ts and `npm start`'s server refuse larger bodies first.
// A leaf (imports nothing): next.config.ts imports it by a relative path.
export const MAX_ACTION_BODY_BYTES = 5 * 1024 * 1024;
