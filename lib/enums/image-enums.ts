// Client-safe leaf (imports nothing): lib/db/schema CHECK constraints, zod schemas and UI options derive from these.

export const IMAGE_SOURCES = ["api", "upload", "import"] as const;
export type ImageSource = (typeof IMAGE_SOURCES)[number];

/** The consensus status an image's reviews add up to (lib/review/review-rule.ts). */
export const REVIEW_STATUSES = ["unreviewed", "approved", "rejected", "conflicting", "skipped"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

// "missing" is set by the doctor when a row's object is gone: the meaning is kept, never silently deleted.
export const OBJECT_STATES = ["present", "missing"] as const;

export const VARIANT_NAMES = ["thumb", "preview"] as const;
export type VariantName = (typeof VARIANT_NAMES)[number];

// "completing": one request has claimed the upload and is ingesting its bytes (claimed_at says since when).
export const UPLOAD_STATUSES = ["pending", "completing", "completed", "failed"] as const;

/**
 * Who holds a sha256 lease (lib/images/ingest/sha256-claim.ts): an ingest, a purge, a dataset export's manifest, or the
 * worker writing an image's derived objects (lib/images/derive/derive-image.ts).
 */
export const CLAIM_PURPOSES = ["ingest", "purge", "export", "derive"] as const;
export type ClaimPurpose = (typeof CLAIM_PURPOSES)[number];

/**
 * An image's derived work (variants, placeholder, perceptual hash, metadata hidden in its pixels), done by a worker
 * after the 201: pending until then, done, or failed when the worker found the original undecodable (shown on the
 * image, reported by the doctor; never silent).
 */
export const DERIVE_STATES = ["pending", "done", "failed"] as const;
export type DeriveState = (typeof DERIVE_STATES)[number];
