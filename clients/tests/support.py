"""What the client tests share: the running app (`npm run test:clients` starts it and passes its URL and an
ingest+read key), reading back what it stored, fresh images, and a stand-in for a front proxy answering 503."""

from __future__ import annotations

import hashlib
import http.server
import importlib.util
import json
import os
import socket
import sys
import threading
import urllib.error
import urllib.request
from types import ModuleType
from typing import Any, Dict, List, Optional, Tuple

import numpy as np

CLIENTS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPOSITORY = os.path.dirname(CLIENTS)
FIXTURES = os.path.join(REPOSITORY, "lib", "metadata", "fixtures")


def app_url() -> str:
    url = os.environ.get("LIGHTBOX_TEST_URL")
    if not url:
        raise RuntimeError("run these tests with `npm run test:clients` (it starts the app and sets LIGHTBOX_TEST_URL)")
    return url


def api_key() -> str:
    return os.environ["LIGHTBOX_TEST_API_KEY"]


def max_upload_bytes() -> int:
    return int(os.environ["LIGHTBOX_TEST_MAX_UPLOAD_BYTES"])


def load_module(name: str, path: str) -> ModuleType:
    """A module from a file under a name of the test's choosing (three copies of lightbox_client.py exist)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def fetch_json(path: str) -> Dict[str, Any]:
    request = urllib.request.Request(app_url() + path, headers={"Authorization": f"Bearer {api_key()}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def stored_image(image_id: str) -> Tuple[Dict[str, Any], bytes]:
    """The image's record as the API gives it, and the original's bytes read through its signed URL."""
    record = fetch_json(f"/api/v1/images/{image_id}")
    with urllib.request.urlopen(record["urls"]["original"], timeout=30) as response:
        return record, response.read()


def find_by_sha256(data: bytes) -> List[Dict[str, Any]]:
    """Stored images with these bytes (there is at most one: the sha256 is unique)."""
    digest = hashlib.sha256(data).hexdigest()
    page = fetch_json("/api/v1/images?limit=200&sort=newest")
    return [item for item in page["items"] if item["sha256"] == digest]


def noise_pixels(height: int, width: int, seed: int) -> np.ndarray:
    """A [H, W, 3] float image in [0, 1], different for every seed (so every test stores new bytes)."""
    return np.random.default_rng(seed).random((height, width, 3), dtype=np.float32)


def unique_seed() -> int:
    return int.from_bytes(os.urandom(6), "big")


def closed_port() -> int:
    """A loopback port nothing listens on: the app is "down" there."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class BusyProxy:
    """A front proxy that answers `busy_answers` requests with 503 + Retry-After, then forwards to the app. The
    app itself does not shed load yet; this stands in for it (and for any proxy in front) in that one case."""

    def __init__(self, busy_answers: int, retry_after: str = "1") -> None:
        self.busy_left = busy_answers
        self.retry_after = retry_after
        self.seen: List[str] = []
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self._answer()

            def do_POST(self) -> None:
                self._answer()

            def _answer(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                proxy.seen.append(f"{self.command} {self.path}")
                if proxy.busy_left > 0:
                    proxy.busy_left -= 1
                    payload = b'{"error":{"code":"overloaded","message":"Ingest is busy; retry later"}}'
                    self.send_response(503)
                    self.send_header("Retry-After", proxy.retry_after)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                    return
                headers = {name: value for name, value in self.headers.items() if name.lower() not in ("host", "content-length")}
                request = urllib.request.Request(app_url() + self.path, data=body or None, method=self.command, headers=headers)
                try:
                    with urllib.request.urlopen(request, timeout=60) as response:
                        status, answer, content_type = response.status, response.read(), response.headers.get("Content-Type")
                except urllib.error.HTTPError as error:
                    status, answer, content_type = error.code, error.read(), error.headers.get("Content-Type")
                self.send_response(status)
                self.send_header("Content-Type", content_type or "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "BusyProxy":
        self.thread.start()
        return self

    def __exit__(self, *args: Any) -> None:
        self.server.shutdown()
        self.server.server_close()


class SleepRecorder:
    """Stands in for time.sleep: records each wait and sleeps a token amount, so a test checks what the client
    chose to wait (Retry-After honoured) without waiting it."""

    def __init__(self) -> None:
        self.waits: List[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def client_module(folder: str = "python") -> ModuleType:
    return load_module(f"lightbox_client_{folder}", os.path.join(CLIENTS, folder, "lightbox_client.py"))


def png_of(pixels: np.ndarray, text: Optional[Dict[str, str]] = None) -> bytes:
    import io

    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    for key, value in (text or {}).items():
        info.add_text(key, value)
    buffer = io.BytesIO()
    Image.fromarray((pixels * 255).astype(np.uint8)).save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue()
