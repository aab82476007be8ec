"""Lightbox for AUTOMATIC1111 / Forge / reForge: every saved image is posted with its infotext, from a background
queue (generation never waits). Settings → Lightbox holds the URL, API key, run name and the on/off switch; the
"Lightbox" accordion under txt2img and img2img shows what is stored, waiting and failed, and failures are also
written under the generated images and to the console."""

from __future__ import annotations

import html
import os
from typing import Any, Optional, Tuple

from modules import script_callbacks, scripts, shared

from lightbox_uploader import describe, shared_uploader

SECTION = ("lightbox", "Lightbox")
EXTENSION_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _log(message: str) -> None:
    print(f"[Lightbox] {message}", flush=True)


def _option(name: str, default: Any) -> Any:
    return getattr(shared.opts, name, default)


def _read_settings() -> Optional[Tuple[str, str, str]]:
    url, key = str(_option("lightbox_url", "")).strip(), str(_option("lightbox_api_key", "")).strip()
    if not _option("lightbox_enabled", True) or not url or not key:
        return None
    return url, key, str(_option("lightbox_run", "")).strip()


uploader = shared_uploader(os.environ.get("LIGHTBOX_SPOOL_DIR") or os.path.join(EXTENSION_DIR, "spool"), _read_settings, _log)


def on_ui_settings() -> None:
    options = [
        ("lightbox_enabled", shared.OptionInfo(True, "Post every saved image to Lightbox", section=SECTION)),
        ("lightbox_url", shared.OptionInfo("", "Lightbox URL (e.g. http://localhost:3000)", section=SECTION)),
        (
            "lightbox_api_key",
            shared.OptionInfo("", "Lightbox API key (ingest scope)", component_args={"type": "password"}, section=SECTION),
        ),
        ("lightbox_run", shared.OptionInfo("", "Run name for posted images (empty: none)", section=SECTION)),
    ]
    for key, info in options:
        shared.opts.add_option(key, info)


def on_image_saved(params: Any) -> None:
    """After the webui wrote the file (with its infotext); grids are composites, not generations, and stay out."""
    if _read_settings() is None or _is_grid(params.filename):
        return
    uploader.submit(params.filename, (params.pnginfo or {}).get("parameters"))


def _is_grid(filename: str) -> bool:
    folders = [_option(name, "") for name in ("outdir_grids", "outdir_txt2img_grids", "outdir_img2img_grids")]
    path = os.path.abspath(filename)
    return any(folder and path.startswith(os.path.abspath(folder) + os.sep) for folder in folders)


def status_html() -> str:
    return "<br>".join(html.escape(line) for line in describe(uploader.status()))


def retry_failed() -> str:
    uploader.retry_failed()
    return status_html()


def forget_failed() -> str:
    uploader.forget_failed()
    return status_html()


class LightboxScript(scripts.Script):
    """An always-on script: the status accordion, and a note under the images when something was not stored."""

    def title(self) -> str:
        return "Lightbox"

    def show(self, is_img2img: bool) -> Any:
        return scripts.AlwaysVisible

    def ui(self, is_img2img: bool) -> list:
        import gradio as gr

        with gr.Accordion("Lightbox", open=False):
            status = gr.HTML(value=status_html)
            with gr.Row():
                refresh = gr.Button("Refresh")
                retry = gr.Button("Retry failed now")
                forget = gr.Button("Forget failed")
        refresh.click(fn=status_html, outputs=[status])
        retry.click(fn=retry_failed, outputs=[status])
        forget.click(fn=forget_failed, outputs=[status])
        return []

    def postprocess(self, p: Any, processed: Any, *args: Any) -> None:
        state = uploader.status()
        if state["failed"] or state["retrying"]:
            note = "\n".join(describe(state))
            processed.comments = f"{processed.comments or ''}\n{note}".strip()
            _log(note)


script_callbacks.on_ui_settings(on_ui_settings)
script_callbacks.on_image_saved(on_image_saved)
