import type { ImportProgress } from "./import-folder";

/** `120/500 24% · 18.2 img/s · 3.1 MB/s · ETA 0:21 · imported 100, duplicates 18, failed 2` */
export function formatImportProgress(progress: ImportProgress): string {
  const seconds = progress.elapsedMs / 1000;
  const rate = seconds > 0 ? progress.done / seconds : 0;
  const remaining = progress.total - progress.done;
  const eta = rate > 0 ? formatDuration(remaining / rate) : "?";
  const percent = progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : 100;
  const megabytesPerSecond = seconds > 0 ? progress.bytes / 1e6 / seconds : 0;
  return [
    `${progress.done}/${progress.total} ${percent}%`,
    `${rate.toFixed(1)} img/s`,
    `${megabytesPerSecond.toFixed(1)} MB/s`,
    `ETA ${eta}`,
    `imported ${progress.imported}, duplicates ${progress.duplicates}, failed ${progress.failed}`,
  ].join(" · ");
}

function formatDuration(totalSeconds: number): string {
  const whole = Math.max(0, Math.round(totalSeconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const seconds = String(whole % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}
