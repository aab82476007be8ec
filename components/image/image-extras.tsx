import type { ImagePageExtras } from "@/lib/gallery/load-image-page-extras";
import { Section } from "./section";

/** Reviewers' reasons, critic scores, datasets and compare links for one image. */
export function ImageExtras({ imageId, extras }: { imageId: string; extras: ImagePageExtras }) {
  const compareHref = (ids: string[]) => `/compare?ids=${[imageId, ...ids].join(",")}`;
  return (
    <div className="space-y-4 text-sm">
      <Section title="Reasons">
        {extras.reasons.length > 0 ? (
          <ul className="flex flex-wrap gap-1.5" data-testid="image-reasons">
            {extras.reasons.map((reason) => (
              <li
                key={reason.name}
                className="rounded-full border border-neutral-700 px-2 py-0.5 text-xs"
                style={reason.color ? { borderColor: reason.color, color: reason.color } : undefined}
              >
                {reason.name}
                {reason.count > 1 ? ` ×${reason.count}` : ""}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-neutral-500">none</p>
        )}
      </Section>
      <Section title="Critic scores">
        {extras.critiques.length > 0 ? (
          <ul className="space-y-0.5">
            {extras.critiques.map((critique) => (
              <li key={`${critique.critic}-${critique.createdAt}`}>
                {critique.critic} <span className="text-neutral-500">{critique.version}</span>:{" "}
                {critique.score ?? "—"}
                {critique.scale ? <span className="text-neutral-500"> on {critique.scale}</span> : null}
                {critique.scoreNormalized !== null ? (
                  <span className="text-neutral-500"> ({critique.scoreNormalized.toFixed(2)})</span>
                ) : null}{" "}
                {critique.decision ?? ""}
                {critique.reasons.length > 0 ? (
                  <span className="text-neutral-500"> ({critique.reasons.join(", ")})</span>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-neutral-500">No critic has scored this image.</p>
        )}
      </Section>
      <Section title="Datasets">
        {extras.datasets.length > 0 ? (
          <p>{extras.datasets.map((dataset) => dataset.name).join(", ")}</p>
        ) : (
          <p className="text-neutral-500">In no dataset.</p>
        )}
      </Section>
      <Section title="Compare">
        <p className="flex gap-4">
          {extras.sameSeedIds.length > 0 ? (
            <a href={compareHref(extras.sameSeedIds)} className="text-sky-400 hover:underline">
              Compare with same seed ({extras.sameSeedIds.length})
            </a>
          ) : (
            <span className="text-neutral-500">No other image with this seed</span>
          )}
          {extras.samePromptIds.length > 0 ? (
            <a href={compareHref(extras.samePromptIds)} className="text-sky-400 hover:underline">
              Compare with same prompt ({extras.samePromptIds.length})
            </a>
          ) : (
            <span className="text-neutral-500">No other image with this prompt</span>
          )}
        </p>
      </Section>
    </div>
  );
}
