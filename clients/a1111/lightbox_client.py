"""Lightbox API client in one standard-library module (Python 3.9+), shared by the ComfyUI node and the
AUTOMATIC1111/Forge extension (each carries a copy of this file, checked identical by the tests).

    client = LightboxClient.from_settings()          # LIGHTBOX_URL + LIGHTBOX_API_KEY, or a settings file
    record = client.post_image(png_bytes, {"run": "nightly", "tags": ["portrait"]})

A post is safe to repeat: its Idempotency-Key is derived from the bytes' sha256 and the metadata, so a retry
(after a timeout, a 503, a crash and restart) gets the first answer back and never stores a second copy.
Transient failures (network errors, 408/409-in-progress/429/5xx) are retried with backoff, honouring
Retry-After; anything else raises LightboxError at once, carrying the API's error code and message.
"""

from __future__ import annotations

import email.utils
import hashlib
import http.client
import json
import os
import random
import socket
import time
import urllib.error
import urllib.request
from typing import Any, Callable, Dict, Mapping, Optional, Tuple

# Vercel refuses request bodies over 4.5 MB; files above this go straight to the bucket (direct upload), leaving
# room under that limit for the metadata part (a ComfyUI graph is a few hundred KB) and the multipart framing.
DEFAULT_MULTIPART_LIMIT = 3_500_000
PLATFORM_BODY_LIMIT = 4_500_000
DEFAULT_RETRY_SECONDS = 120.0
DEFAULT_MAX_ATTEMPTS = 12
# Statuses worth asking again: the request may succeed unchanged later.
RETRYABLE_STATUSES = frozenset({408, 409, 425, 429, 500, 502, 503, 504})
MAX_BACKOFF_SECONDS = 30.0
USER_AGENT = "lightbox-client-python/1"
SETTINGS_FILE = os.path.join("~", ".config", "lightbox", "client.json")


class LightboxError(Exception):
    """Lightbox refused a request or could not be reached. `code` is the API's error code (`unauthorized`,
    `payload_too_large`, …) or, when no answer came, `network_error` / `not_configured`."""

    def __init__(
        self,
        code: str,
        message: str,
        *,
        status: Optional[int] = None,
        details: Any = None,
        retry_after: Optional[float] = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status
        self.details = details
        self.retry_after = retry_after

    @property
    def retryable(self) -> bool:
        return self.code == "network_error" or (self.status is not None and self.status in RETRYABLE_STATUSES)

    def __str__(self) -> str:
        where = f"HTTP {self.status}, " if self.status is not None else ""
        return f"Lightbox: {self.message} ({where}{self.code})"


class Settings:
    """Where Lightbox is and the API key to use (an `ingest` scope is enough to post)."""

    def __init__(self, url: str, api_key: str, retry_seconds: float = DEFAULT_RETRY_SECONDS) -> None:
        self.url = url.rstrip("/")
        self.api_key = api_key
        self.retry_seconds = retry_seconds


def load_settings(
    settings_file: Optional[str] = None, environ: Optional[Mapping[str, str]] = None
) -> Settings:
    """The environment (LIGHTBOX_URL, LIGHTBOX_API_KEY, LIGHTBOX_RETRY_SECONDS) wins; the rest comes from a JSON
    file {"url", "api_key", "retry_seconds"}: LIGHTBOX_SETTINGS, else `settings_file`, else ~/.config/lightbox/client.json."""
    env = os.environ if environ is None else environ
    candidates = [env.get("LIGHTBOX_SETTINGS"), settings_file, os.path.expanduser(SETTINGS_FILE)]
    path = next((candidate for candidate in candidates if candidate and os.path.isfile(candidate)), None)
    stored: Dict[str, Any] = {}
    if path:
        try:
            with open(path, encoding="utf-8") as handle:
                stored = json.load(handle)
        except (OSError, ValueError) as error:
            raise LightboxError("not_configured", f"cannot read the settings file {path}: {error}") from None
        if not isinstance(stored, dict):
            raise LightboxError("not_configured", f"the settings file {path} must hold a JSON object")
    url = env.get("LIGHTBOX_URL") or stored.get("url") or ""
    api_key = env.get("LIGHTBOX_API_KEY") or stored.get("api_key") or ""
    if not url or not api_key:
        where = path or settings_file or os.path.expanduser(SETTINGS_FILE)
        raise LightboxError(
            "not_configured",
            f"set LIGHTBOX_URL and LIGHTBOX_API_KEY, or write {{\"url\": …, \"api_key\": …}} to {where}",
        )
    retry = env.get("LIGHTBOX_RETRY_SECONDS") or stored.get("retry_seconds") or DEFAULT_RETRY_SECONDS
    try:
        retry_seconds = float(retry)
    except (TypeError, ValueError):
        raise LightboxError("not_configured", f"retry_seconds must be a number, not {retry!r}") from None
    return Settings(str(url), str(api_key), retry_seconds)


def sniff_content_type(data: bytes) -> str:
    """The image type from its magic bytes (the API checks them too; names can lie)."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data[4:8] == b"ftyp" and data[8:12] in (b"avif", b"avis"):
        return "image/avif"
    return "application/octet-stream"


def encode_metadata(metadata: Optional[Mapping[str, Any]]) -> bytes:
    """One canonical text per metadata (sorted keys, ASCII escapes), so a retry sends the very same request."""
    return json.dumps(dict(metadata or {}), sort_keys=True, ensure_ascii=True, separators=(",", ":")).encode()


def idempotency_key(data: bytes, metadata_text: bytes, step: str = "post") -> str:
    """Same bytes and metadata, same key: the same bytes posted again with other fields is a new request."""
    image = hashlib.sha256(data).hexdigest()
    fields = hashlib.sha256(metadata_text).hexdigest()[:16]
    return f"lbx-{step}-{image}-{fields}"


Sleep = Callable[[float], None]
Response = Tuple[int, Dict[str, str], bytes]


class LightboxClient:
    """Posts images to one Lightbox. Thread-safe: it holds no connection between requests."""

    def __init__(
        self,
        url: str,
        api_key: str,
        *,
        timeout: float = 120.0,
        retry_seconds: float = DEFAULT_RETRY_SECONDS,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
        multipart_limit: int = DEFAULT_MULTIPART_LIMIT,
        sleep: Sleep = time.sleep,
        log: Optional[Callable[[str], None]] = None,
    ) -> None:
        self.base = url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout
        self.retry_seconds = retry_seconds
        self.max_attempts = max_attempts
        self.multipart_limit = multipart_limit
        self.sleep = sleep
        self.log = log or (lambda message: None)

    @classmethod
    def from_settings(cls, settings_file: Optional[str] = None, **options: Any) -> "LightboxClient":
        settings = load_settings(settings_file)
        options.setdefault("retry_seconds", settings.retry_seconds)
        return cls(settings.url, settings.api_key, **options)

    def post_image(
        self, data: bytes, metadata: Optional[Mapping[str, Any]] = None, *, filename: str = "image.png"
    ) -> Dict[str, Any]:
        """Stores one image; returns its record (`id`, `sha256`, `urls`, … and `duplicate`: the bytes were
        already stored). Files over `multipart_limit`, or refused as too large for one request (a serverless
        host's body limit), go through direct upload. Raises LightboxError when the image was not stored."""
        metadata_text = encode_metadata(metadata)
        content_type = sniff_content_type(data)
        if len(data) > self.multipart_limit:
            return self._direct_upload(data, metadata_text, content_type)
        key = idempotency_key(data, metadata_text)
        body, form_type = _multipart(data, metadata_text, filename, content_type)
        headers = {"Content-Type": form_type, "Idempotency-Key": key}
        try:
            return self._call("POST", "/api/v1/images", body, headers, give_up=lambda e: _refused_for_size(e, len(body)))
        except LightboxError as error:
            # A body limit in front of the app (Vercel: 4.5 MB) refuses what the app would take; the bucket won't.
            if not _refused_for_size(error, len(body)):
                raise
            self.log(f"{len(data)} bytes are over this host's request limit; uploading to the bucket directly")
            return self._direct_upload(data, metadata_text, content_type)

    def post_file(self, path: str, metadata: Optional[Mapping[str, Any]] = None) -> Dict[str, Any]:
        with open(path, "rb") as handle:
            data = handle.read()
        return self.post_image(data, metadata, filename=os.path.basename(path))

    def get_image(self, image_id: str) -> Dict[str, Any]:
        return self._call("GET", f"/api/v1/images/{image_id}", None, {})

    def _direct_upload(self, data: bytes, metadata_text: bytes, content_type: str) -> Dict[str, Any]:
        """POST /uploads (a presigned PUT), PUT the bytes to the bucket, POST /uploads/{id}/complete."""
        ticket_body = json.dumps({"content_type": content_type, "byte_size": len(data)}).encode()
        ticket = self._call(
            "POST",
            "/api/v1/uploads",
            ticket_body,
            {"Content-Type": "application/json", "Idempotency-Key": idempotency_key(data, metadata_text, "upload")},
        )
        headers = {str(name): str(value) for name, value in (ticket.get("headers") or {}).items()}
        self._retrying(lambda: self._request(str(ticket.get("method") or "PUT"), ticket["upload_url"], data, headers))
        complete = b'{"metadata":' + metadata_text + b"}"
        return self._call(
            "POST",
            f"/api/v1/uploads/{ticket['id']}/complete",
            complete,
            {"Content-Type": "application/json", "Idempotency-Key": idempotency_key(data, metadata_text, "complete")},
        )

    def _call(
        self,
        method: str,
        path: str,
        body: Optional[bytes],
        headers: Dict[str, str],
        give_up: Callable[[LightboxError], bool] = lambda error: False,
    ) -> Dict[str, Any]:
        headers = {**headers, "Authorization": f"Bearer {self.api_key}", "Accept": "application/json"}
        _, _, payload = self._retrying(lambda: self._request(method, self.base + path, body, headers), give_up)
        try:
            answer = json.loads(payload or b"{}")
        except ValueError:
            raise LightboxError("invalid_response", f"{method} {path} answered something that is not JSON") from None
        return answer if isinstance(answer, dict) else {"value": answer}

    def _retrying(
        self, attempt: Callable[[], Response], give_up: Callable[[LightboxError], bool] = lambda error: False
    ) -> Response:
        """Runs `attempt` until it succeeds, fails definitively, or `retry_seconds` / `max_attempts` run out."""
        deadline = time.monotonic() + self.retry_seconds
        for number in range(1, self.max_attempts + 1):
            try:
                return attempt()
            except LightboxError as error:
                if not error.retryable or give_up(error):
                    raise
                backoff = min(MAX_BACKOFF_SECONDS, 0.5 * 2 ** (number - 1)) * (0.75 + random.random() / 2)
                wait = error.retry_after if error.retry_after is not None else backoff
                if number == self.max_attempts or time.monotonic() + wait > deadline:
                    error.message = f"{error.message}; gave up after {number} attempts"
                    raise
                self.log(f"{error}; attempt {number} failed, retrying in {wait:.1f} s")
                self.sleep(wait)
        raise AssertionError("max_attempts must be at least 1")

    def _request(self, method: str, url: str, body: Optional[bytes], headers: Dict[str, str]) -> Response:
        request = urllib.request.Request(url, data=body, method=method, headers={"User-Agent": USER_AGENT, **headers})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, dict(response.headers.items()), response.read()
        except urllib.error.HTTPError as error:
            raise _error_from_answer(error.code, dict(error.headers.items()), error.read()) from None
        except (urllib.error.URLError, http.client.HTTPException, socket.timeout, ConnectionError, OSError) as error:
            reason = getattr(error, "reason", None) or error
            details = {"broken_pipe": True} if isinstance(reason, BrokenPipeError) else None
            raise LightboxError("network_error", f"cannot reach {url.split('?')[0]}: {reason}", details=details) from None


def _error_from_answer(status: int, headers: Dict[str, str], payload: bytes) -> LightboxError:
    """The API's error envelope, or what a proxy in front of it said (an HTML 502, Vercel's plain-text 413)."""
    retry_after = _parse_retry_after(next((v for k, v in headers.items() if k.lower() == "retry-after"), None))
    try:
        envelope = json.loads(payload).get("error")
    except (ValueError, AttributeError):
        envelope = None
    if isinstance(envelope, dict) and isinstance(envelope.get("code"), str):
        message = str(envelope.get("message") or envelope["code"])
        return LightboxError(envelope["code"], message, status=status, details=envelope.get("details"), retry_after=retry_after)
    text = payload[:200].decode("utf-8", "replace").strip() or http.client.responses.get(status, "error")
    return LightboxError(f"http_{status}", text, status=status, retry_after=retry_after)


def _parse_retry_after(value: Optional[str]) -> Optional[float]:
    """Retry-After is delta-seconds or an HTTP date (RFC 9110 §10.2.3)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _refused_for_size(error: LightboxError, body_size: int) -> bool:
    """A request body refused for its size by a limit the bucket does not have: a 413 naming /api/v1/uploads,
    or a bare 413 from a proxy. The app refuses an over-limit body from its Content-Length before reading it and
    closes the connection, so a client still sending a body over the platform limit sees a broken pipe instead.
    The app's own image size limit (`payload_too_large` with no pointer) applies to direct uploads as well."""
    if error.status == 413:
        return error.code.startswith("http_") or (isinstance(error.details, dict) and "direct_upload" in error.details)
    is_broken_pipe = isinstance(error.details, dict) and error.details.get("broken_pipe") is True
    return error.code == "network_error" and is_broken_pipe and body_size > PLATFORM_BODY_LIMIT


def _multipart(data: bytes, metadata_text: bytes, filename: str, content_type: str) -> Tuple[bytes, str]:
    boundary = "lightbox-" + hashlib.sha256(data + metadata_text).hexdigest()[:32]
    # Quotes and line breaks would end the header; the API does not use the name, so keep it plain ASCII.
    safe_name = "".join(c if 32 <= ord(c) < 127 and c not in '"\\' else "_" for c in filename) or "image"
    parts = [
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
        f"Content-Type: application/json\r\n\r\n".encode(),
        metadata_text,
        f"\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{safe_name}\"\r\n"
        f"Content-Type: {content_type}\r\n\r\n".encode(),
        data,
        f"\r\n--{boundary}--\r\n".encode(),
    ]
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"
