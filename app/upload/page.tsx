import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session/session";
import { getConfig } from "@/lib/config";
import { MAX_ACTION_UPLOAD_BYTES } from "@/lib/images/uploads/upload-limits";
import { UploadDropzone } from "./upload-dropzone";

export const metadata: Metadata = { title: "Upload" };

export default async function UploadPage() {
  await requireUser("reviewer");
  return (
    <section className="mx-auto max-w-4xl space-y-6">
      <h1 className="text-2xl font-semibold">Upload images</h1>
      <p className="text-sm text-neutral-400">
        Drop images or whole folders. PNG, JPEG, WebP and AVIF up to{" "}
        {Math.round(getConfig().limits.maxUploadBytes / 1024 / 1024)} MB; prompts, seeds, models and LoRAs
        embedded by ComfyUI, A1111, InvokeAI or NovelAI are read automatically.
      </p>
      <UploadDropzone maxActionBytes={MAX_ACTION_UPLOAD_BYTES} maxBytes={getConfig().limits.maxUploadBytes} />
    </section>
  );
}
