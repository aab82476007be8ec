import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getImage } from "@/lib/images/get-image";
import { getStorage } from "@/lib/storage/storage";

export const metadata: Metadata = { title: "Image" };

export default async function ImagePage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser("viewer");
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const result = await getImage({ db: getDb(), storage: getStorage() }, id.data);
  if (!result.ok) notFound();
  const image = result.value;
  const fields: [string, string | number | null][] = [
    ["Seed", image.seed],
    ["Model", image.model],
    ["Model hash", image.model_hash],
    ["Sampler", image.sampler],
    ["Scheduler", image.scheduler],
    ["Steps", image.steps],
    ["CFG", image.cfg_scale],
    ["Size", `${image.width}×${image.height}`],
    ["Run", image.run?.name ?? null],
    ["sha256", image.sha256],
    ["Object key", image.object_key],
  ];
  return (
    <section className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <a href={image.urls.original} className="block">
        <img
          src={image.urls.preview}
          alt={image.prompt ?? "generated image"}
          className="max-h-[80vh] w-full object-contain"
        />
      </a>
      <div className="space-y-4 text-sm">
        <div>
          <h2 className="text-xs uppercase tracking-wide text-neutral-500">Prompt</h2>
          <p data-testid="image-prompt" className="whitespace-pre-wrap">
            {image.prompt}
          </p>
        </div>
        <div>
          <h2 className="text-xs uppercase tracking-wide text-neutral-500">Negative prompt</h2>
          <p className="whitespace-pre-wrap text-neutral-400">{image.negative_prompt}</p>
        </div>
        <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1">
          {fields.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-neutral-500">{label}</dt>
              <dd className="break-all">{value ?? "—"}</dd>
            </div>
          ))}
        </dl>
        {image.loras.length > 0 ? (
          <ul>
            {image.loras.map((lora) => (
              <li key={lora.name}>
                {lora.name} <span className="text-neutral-500">{lora.weight ?? ""}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </section>
  );
}
