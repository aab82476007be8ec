export type GridImage = {
  id: string;
  thumbUrl: string;
  placeholder: string | null;
  prompt: string | null;
  width: number;
  height: number;
};

/** Thumbnails over their blurred placeholders; prompts are rendered as text, never as HTML. */
export function ImageGrid({ images }: { images: GridImage[] }) {
  return (
    <ul className="grid grid-cols-[repeat(auto-fill,minmax(180px,1fr))] gap-3">
      {images.map((image) => (
        <li key={image.id} className="space-y-1">
          <a href={`/images/${image.id}`} className="block overflow-hidden rounded-md bg-neutral-900">
            <img
              src={image.thumbUrl}
              alt={image.prompt ?? "generated image"}
              loading="lazy"
              width={image.width}
              height={image.height}
              className="aspect-square w-full object-cover"
              style={
                image.placeholder
                  ? { backgroundImage: `url("${image.placeholder}")`, backgroundSize: "cover" }
                  : undefined
              }
            />
          </a>
          <p className="line-clamp-2 text-xs text-neutral-400" data-testid="grid-prompt">
            {image.prompt}
          </p>
        </li>
      ))}
    </ul>
  );
}
