"use client";

import { type DragEvent, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { Field, TextInput } from "@/components/ui/form-controls";
import { formatBytes } from "@/lib/format/format-bytes";
import {
  hasImageExtension,
  IMAGE_CONTENT_TYPES,
  type ImageContentType,
} from "@/lib/images/file-format/image-types";
import { collectDroppedFiles } from "./collect-dropped-files";
import { uploadOneFile } from "./upload-one-file";

type Row = {
  key: string;
  name: string;
  size: number;
  state: "queued" | "uploading" | "stored" | "duplicate" | "failed";
  progress: number;
  message?: string;
  id?: string;
  runId?: string | null;
};

const TYPE_NAMES: Record<ImageContentType, string> = {
  "image/png": "PNG",
  "image/jpeg": "JPEG",
  "image/webp": "WebP",
  "image/avif": "AVIF",
};
const NAMES = Object.values(TYPE_NAMES);
const NOT_AN_IMAGE = `Not a ${NAMES.slice(0, -1).join(", ")} or ${NAMES.at(-1)} file`;
const CONCURRENCY = 3;

export function UploadDropzone({ maxActionBytes, maxBytes }: { maxActionBytes: number; maxBytes: number }) {
  const [rows, setRows] = useState<Row[]>([]);
  const [isOver, setIsOver] = useState(false);
  const batch = useRef({ run: "", tags: "" });
  const update = (key: string, change: Partial<Row>) =>
    setRows((all) => all.map((row) => (row.key === key ? { ...row, ...change } : row)));

  async function enqueue(files: File[]) {
    const queued = files.map((file, index) => ({
      file,
      row: {
        key: `${Date.now()}-${index}-${file.name}`,
        name: file.webkitRelativePath || file.name,
        size: file.size,
        state: "queued" as const,
        progress: 0,
      },
    }));
    setRows((all) => [...all, ...queued.map((item) => item.row)]);
    const pending = [...queued];
    const worker = async () => {
      for (let next = pending.shift(); next; next = pending.shift()) {
        const { file, row } = next;
        if (!hasImageExtension(file.name)) {
          update(row.key, { state: "failed", message: NOT_AN_IMAGE });
          continue;
        }
        if (file.size > maxBytes) {
          update(row.key, {
            state: "failed",
            message: `Larger than the ${Math.round(maxBytes / 1024 / 1024)} MB limit`,
          });
          continue;
        }
        update(row.key, { state: "uploading" });
        const outcome = await uploadOneFile(file, batch.current, maxActionBytes, (progress) =>
          update(row.key, { progress }),
        );
        update(
          row.key,
          outcome.ok
            ? {
                state: outcome.duplicate ? "duplicate" : "stored",
                progress: 1,
                id: outcome.id,
                runId: outcome.runId,
              }
            : { state: "failed", message: outcome.message },
        );
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  }

  async function onDrop(event: DragEvent) {
    event.preventDefault();
    setIsOver(false);
    await enqueue(await collectDroppedFiles(event.dataTransfer.items));
  }

  const count = (state: Row["state"]) => rows.filter((row) => row.state === state).length;
  const isDone = rows.length > 0 && count("queued") + count("uploading") === 0;
  const runIds = new Set(rows.flatMap((row) => (row.runId ? [row.runId] : [])));
  const [runId] = runIds;
  return (
    <div className="space-y-4">
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Run (optional)">
          <TextInput
            name="run"
            placeholder="e.g. sdxl-portraits-0423"
            onChange={(event) => (batch.current.run = event.target.value)}
          />
        </Field>
        <Field label="Tags (optional, comma-separated)">
          <TextInput
            name="tags"
            placeholder="e.g. portraits, keep"
            onChange={(event) => (batch.current.tags = event.target.value)}
          />
        </Field>
      </div>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a drop target; the file inputs inside give keyboard access */}
      <div
        data-testid="dropzone"
        onDragOver={(event) => {
          event.preventDefault();
          setIsOver(true);
        }}
        onDragLeave={() => setIsOver(false)}
        onDrop={onDrop}
        className={cn(
          "rounded-lg border-2 border-dashed p-10 text-center",
          isOver ? "border-sky-500 bg-sky-950/30" : "border-neutral-700",
        )}
      >
        <p className="text-neutral-300">Drop images or folders here</p>
        <div className="mt-4 flex justify-center gap-4 text-sm">
          <label className="cursor-pointer text-sky-400 hover:underline">
            choose files
            <input
              type="file"
              multiple
              accept={IMAGE_CONTENT_TYPES.join(",")}
              className="hidden"
              onChange={(event) => enqueue([...(event.target.files ?? [])])}
            />
          </label>
          <label className="cursor-pointer text-sky-400 hover:underline">
            choose a folder
            <input
              type="file"
              multiple
              className="hidden"
              {...{ webkitdirectory: "" }}
              onChange={(event) => enqueue([...(event.target.files ?? [])])}
            />
          </label>
        </div>
      </div>
      {rows.length > 0 ? (
        <p role="status" className="text-sm text-neutral-400">
          {count("stored")} stored · {count("duplicate")} already in the library · {count("failed")} failed ·{" "}
          {count("queued") + count("uploading")} to go
        </p>
      ) : null}
      {isDone && count("stored") + count("duplicate") > 0 ? (
        <p className="text-sm" data-testid="upload-done-link">
          {runIds.size === 1 && runId ? (
            <a href={`/?run=${runId}`} className="text-sky-400 hover:underline">
              See this run in the gallery →
            </a>
          ) : (
            <a href="/?sort=newest" className="text-sky-400 hover:underline">
              See the newest images in the gallery →
            </a>
          )}
        </p>
      ) : null}
      <ul className="divide-y divide-neutral-800 text-sm">
        {rows.map((row) => (
          <li
            key={row.key}
            className="flex flex-wrap items-center gap-x-3 gap-y-1 py-1.5"
            data-testid="upload-row"
            data-state={row.state}
          >
            <span className="min-w-0 flex-1 truncate">{row.name}</span>
            <span className="w-20 text-right text-neutral-400" data-testid="upload-size">
              {formatBytes(row.size)}
            </span>
            <span className="h-1.5 w-32 overflow-hidden rounded bg-neutral-800">
              <span
                className="block h-full bg-sky-500"
                style={{ width: `${Math.round(row.progress * 100)}%` }}
              />
            </span>
            <span
              className={cn(
                "w-full truncate md:w-64",
                row.state === "failed" ? "text-red-400" : "text-neutral-300",
              )}
            >
              {row.state === "stored" || row.state === "duplicate" ? (
                <a href={`/images/${row.id}`} className="hover:underline">
                  {row.state === "stored" ? "stored" : "already in the library"}
                </a>
              ) : (
                (row.message ?? row.state)
              )}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
