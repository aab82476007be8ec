import type { SimilarThumbnail } from "@/lib/images/similar/load-similar-thumbnails";
import { Section } from "./section";

/** Near-duplicates of one image (re-encodes, resizes, light edits), nearest first. */
export function SimilarImages({ imageId, similar }: { imageId: string; similar: SimilarThumbnail[] }) {
  return (
    <Section title="Similar images">
      {similar.length > 0 ? (
        <div className="space-y-2">
          <ul className="grid grid-cols-4 gap-2" data-testid="similar-images">
            {similar.map((image) => (
              <li key={image.id}>
                <a href={`/images/${image.id}`} className="block" title={`${image.distance ?? 0} bits apart`}>
                  <img
                    src={image.thumbUrl}
                    alt={image.prompt ?? "similar image"}
                    className="aspect-square w-full rounded object-contain bg-neutral-900"
                    loading="lazy"
                  />
                </a>
              </li>
            ))}
          </ul>
          <a
            className="text-xs text-neutral-400 hover:text-neutral-50"
            href={`/compare?ids=${[imageId, ...similar.slice(0, 3).map((image) => image.id)].join(",")}`}
          >
            Compare with the nearest
          </a>
        </div>
      ) : (
        <p className="text-sm text-neutral-500">No near-duplicates in the library.</p>
      )}
    </Section>
  );
}
