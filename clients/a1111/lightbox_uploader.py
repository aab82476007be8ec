"""Posts saved images to Lightbox from a background thread, so generation never waits on the network. Every image
is a job written to a spool folder first, so nothing is dropped: a job leaves the spool only once Lightbox
stored the image. Transient failures (Lightbox down, 503) are retried with growing pauses; a refusal (wrong key,
image too large) stays listed as failed until the settings change or someone presses "Retry failed now"."""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from typing import Any, Callable, Dict, List, Optional, Tuple

from lightbox_client import LightboxClient, LightboxError
from lightbox_infotext import file_has_infotext, parse_infotext

# Per attempt: short, the thread has other images to post; the job itself is retried for as long as it takes.
ATTEMPT_RETRY_SECONDS = 20.0
FIRST_PAUSE_SECONDS = 5.0
MAX_PAUSE_SECONDS = 600.0

# (url, api key, run name) or None when posting is off or not configured.
SettingsReader = Callable[[], Optional[Tuple[str, str, str]]]


class Uploader:
    def __init__(
        self,
        spool_dir: str,
        read_settings: SettingsReader,
        log: Callable[[str], None],
        attempt_seconds: float = ATTEMPT_RETRY_SECONDS,
    ) -> None:
        self.spool_dir = spool_dir
        self.read_settings = read_settings
        self.log = log
        self.attempt_seconds = attempt_seconds
        self.stopped = False
        self.stored = 0
        self.jobs: Dict[str, Dict[str, Any]] = {}
        self.lock = threading.Condition()
        self.busy = False
        self.settings_seen: Optional[Tuple[str, str, str]] = None
        os.makedirs(spool_dir, exist_ok=True)
        for name in sorted(os.listdir(spool_dir)):  # jobs left by the last session
            if name.endswith(".json"):
                try:
                    with open(os.path.join(spool_dir, name), encoding="utf-8") as handle:
                        self.jobs[name] = {**json.load(handle), "due": 0.0}
                except (OSError, ValueError) as error:
                    self.log(f"cannot read the queued upload {name}: {error}")
        threading.Thread(target=self._run, name="lightbox-uploader", daemon=True).start()

    def submit(self, path: str, infotext: Optional[str]) -> None:
        """Queues a saved image; returns at once."""
        job = {"path": os.path.abspath(path), "infotext": infotext, "attempts": 0, "error": None, "failed": False}
        name = hashlib.sha256(f"{job['path']}\n{time.time_ns()}".encode()).hexdigest()[:32] + ".json"
        self._write(name, job)
        with self.lock:
            self.jobs[name] = {**job, "due": 0.0}
            self.lock.notify()

    def retry_failed(self) -> None:
        with self.lock:
            for job in self.jobs.values():
                job.update(failed=False, due=0.0)
            self.lock.notify()

    def forget_failed(self) -> None:
        """Drops the refused jobs (the files stay where the webui saved them)."""
        with self.lock:
            for name in [name for name, job in self.jobs.items() if job["failed"]]:
                del self.jobs[name]
                try:
                    os.remove(os.path.join(self.spool_dir, name))
                except FileNotFoundError:
                    pass

    def status(self) -> Dict[str, Any]:
        with self.lock:
            jobs = list(self.jobs.values())
        return {
            "stored": self.stored,
            "waiting": sum(1 for job in jobs if not job["failed"]),
            "failed": [{"file": os.path.basename(job["path"]), "error": job["error"]} for job in jobs if job["failed"]],
            "retrying": [{"file": os.path.basename(job["path"]), "error": job["error"]} for job in jobs if job["error"] and not job["failed"]],
        }

    def stop(self) -> None:
        """Ends the thread after the job in hand; queued jobs stay in the spool for the next session."""
        with self.lock:
            self.stopped = True
            self.lock.notify_all()

    def wait_idle(self, timeout: float) -> bool:
        """Until no job is due or being posted (for tests and shutdown)."""
        deadline = time.monotonic() + timeout
        with self.lock:
            while self.busy or any(not job["failed"] and job["due"] <= time.time() for job in self.jobs.values()):
                if not self.lock.wait(max(0.0, deadline - time.monotonic())) and time.monotonic() >= deadline:
                    return False
        return True

    def _run(self) -> None:
        while True:
            with self.lock:
                name = self._next_due()
                while name is None and not self.stopped:
                    self.lock.wait(timeout=self._seconds_to_next())
                    name = self._next_due()
                if self.stopped:
                    return
                job = dict(self.jobs[name])
                self.busy = True
            try:
                outcome = self._post(job)
            except LightboxError as error:
                outcome = error
            except Exception as error:  # noqa: BLE001 - the thread must outlive any one job
                outcome = LightboxError("client_error", f"{type(error).__name__}: {error}")
            with self.lock:
                self.busy = False
                self._settle(name, job, outcome)
                self.lock.notify_all()

    def _post(self, job: Dict[str, Any]) -> Optional[LightboxError]:
        settings = self.read_settings()
        if settings is None:
            return LightboxError("not_configured", "posting is off, or the URL and API key are not set (Settings → Lightbox)")
        url, api_key, run = settings
        try:
            with open(job["path"], "rb") as handle:
                data = handle.read()
        except OSError as error:
            return LightboxError("file_missing", f"cannot read {job['path']}: {error.strerror}")
        metadata: Dict[str, Any] = {"generator": "a1111"}
        if job.get("infotext") and not file_has_infotext(data):
            metadata.update(parse_infotext(job["infotext"]))
        if run:
            metadata["run"] = run
        client = LightboxClient(url, api_key, retry_seconds=self.attempt_seconds, log=self.log)
        record = client.post_image(data, metadata, filename=os.path.basename(job["path"]))
        self.log(f"stored {os.path.basename(job['path'])} as {record.get('id')}")
        return None

    def _settle(self, name: str, job: Dict[str, Any], outcome: Optional[LightboxError]) -> None:
        if outcome is None:
            self.stored += 1
            self.jobs.pop(name, None)
            try:
                os.remove(os.path.join(self.spool_dir, name))
            except FileNotFoundError:
                pass
            return
        attempts = job["attempts"] + 1
        transient = outcome.retryable or outcome.code == "not_configured"
        pause = min(MAX_PAUSE_SECONDS, FIRST_PAUSE_SECONDS * 2 ** (attempts - 1))
        failed = not transient
        self.jobs[name].update(attempts=attempts, error=str(outcome), failed=failed, due=time.time() + pause)
        self._write(name, {key: self.jobs[name][key] for key in ("path", "infotext", "attempts", "error", "failed")})
        what = "not stored (fix it, then Retry failed now; or Forget failed)" if failed else f"not stored yet, retrying in {pause:.0f} s"
        self.log(f"{os.path.basename(job['path'])} {what}: {outcome}")

    def _next_due(self) -> Optional[str]:
        settings = self.read_settings()
        if settings != self.settings_seen:  # new URL or key: what was refused may pass now
            self.settings_seen = settings
            for job in self.jobs.values():
                job.update(failed=False, due=0.0)
        now = time.time()
        due = [(job["due"], name) for name, job in self.jobs.items() if not job["failed"] and job["due"] <= now]
        return min(due)[1] if due else None

    def _seconds_to_next(self) -> float:
        upcoming = [job["due"] for job in self.jobs.values() if not job["failed"]]
        # Wake now and then anyway: the settings may change while nothing is due.
        return max(0.05, min([due - time.time() for due in upcoming] + [5.0]))

    def _write(self, name: str, job: Dict[str, Any]) -> None:
        temporary = os.path.join(self.spool_dir, name + ".tmp")
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump(job, handle)
        os.replace(temporary, os.path.join(self.spool_dir, name))


_shared: Dict[str, Uploader] = {}


def shared_uploader(spool_dir: str, read_settings: SettingsReader, log: Callable[[str], None]) -> Uploader:
    """One uploader per spool for the process: the webui executes scripts again on every UI reload, while this
    module (on the extension's path) is imported once, so a reload never starts a second thread on the spool."""
    if spool_dir not in _shared:
        attempt_seconds = float(os.environ.get("LIGHTBOX_RETRY_SECONDS") or ATTEMPT_RETRY_SECONDS)
        _shared[spool_dir] = Uploader(spool_dir, read_settings, log, attempt_seconds)
    return _shared[spool_dir]


def describe(status: Dict[str, Any]) -> List[str]:
    """The status as lines for people (the UI and the log)."""
    lines = [f"Lightbox: {status['stored']} stored this session, {status['waiting']} waiting"]
    lines += [f"retrying {entry['file']}: {entry['error']}" for entry in status["retrying"]]
    lines += [f"NOT STORED {entry['file']}: {entry['error']}" for entry in status["failed"]]
    return lines
