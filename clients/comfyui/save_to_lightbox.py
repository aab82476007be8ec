"""The "Save to Lightbox" node: encodes each image as ComfyUI's SaveImage does (PNG with the `prompt` and
`workflow` chunks, so the file describes itself) and posts it with the fields read from the executed graph.
An image that was not stored fails the queue item with Lightbox's message; it never passes as saved."""

from __future__ import annotations

import io
import json
import os
from typing import Any, Dict, List, Optional

import numpy as np
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from .graph_fields import read_generation_fields
from .lightbox_client import LightboxClient, LightboxError
from .metadata_fields import build_metadata

# ComfyUI's SaveImage level: the same bytes for the same pixels, whichever node wrote them.
COMPRESS_LEVEL = 4
SETTINGS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lightbox.json")


class SaveToLightbox:
    CATEGORY = "image"
    DESCRIPTION = "Stores the images in Lightbox with their prompt, seed, model and LoRAs. Fails if Lightbox did not store them."
    FUNCTION = "save_to_lightbox"
    OUTPUT_NODE = True
    RETURN_TYPES = ()

    @classmethod
    def INPUT_TYPES(cls) -> Dict[str, Any]:
        return {
            "required": {
                "images": ("IMAGE", {"tooltip": "The images to store."}),
                "run": ("STRING", {"default": "", "tooltip": "Run (batch) name in Lightbox; empty for none."}),
                "tags": ("STRING", {"default": "", "tooltip": "Comma-separated tags."}),
                "also_save_to_output": ("BOOLEAN", {"default": False, "tooltip": "Also write the PNG to ComfyUI's output folder."}),
                "filename_prefix": ("STRING", {"default": "Lightbox"}),
            },
            "optional": {
                "overrides": (
                    "STRING",
                    {"default": "", "multiline": True, "tooltip": 'JSON object of Lightbox fields that win over the graph, e.g. {"model": "sdxl-base"}'},
                ),
            },
            "hidden": {"prompt": "PROMPT", "extra_pnginfo": "EXTRA_PNGINFO", "unique_id": "UNIQUE_ID"},
        }

    def save_to_lightbox(
        self,
        images: Any,
        run: str = "",
        tags: str = "",
        also_save_to_output: bool = False,
        filename_prefix: str = "Lightbox",
        overrides: str = "",
        prompt: Optional[Dict[str, Any]] = None,
        extra_pnginfo: Optional[Dict[str, Any]] = None,
        unique_id: Optional[str] = None,
    ) -> Dict[str, Any]:
        client = LightboxClient.from_settings(SETTINGS_FILE, log=_log)
        workflow = (extra_pnginfo or {}).get("workflow")
        fields = read_generation_fields(prompt, unique_id, workflow) if prompt else {}
        metadata = build_metadata(fields, run=run, tags=tags, overrides=_parse_overrides(overrides))
        pngs = [encode_png(image, prompt, extra_pnginfo) for image in images]
        saved = save_to_output(pngs, filename_prefix, images) if also_save_to_output else []
        stored: List[Dict[str, Any]] = []
        for index, png in enumerate(pngs):
            try:
                record = client.post_image(png, metadata, filename=f"{filename_prefix}_{index:05}.png")
            except LightboxError as error:
                # Raising fails this queue item in ComfyUI, with Lightbox's own words.
                raise RuntimeError(f"Image {index + 1} of {len(pngs)} was not stored in Lightbox: {error}") from error
            stored.append({"id": record.get("id"), "duplicate": bool(record.get("duplicate"))})
            _log(f"stored image {index + 1}/{len(pngs)} as {record.get('id')}{' (already stored)' if record.get('duplicate') else ''}")
        return {"ui": {"images": saved, "lightbox": stored}}


def encode_png(image: Any, prompt: Optional[Dict[str, Any]], extra_pnginfo: Optional[Dict[str, Any]]) -> bytes:
    """One [H, W, C] image with values in [0, 1] (a torch tensor or anything numpy can read) as SaveImage writes it."""
    if hasattr(image, "cpu"):
        image = image.cpu()
    pixels = image.numpy() if hasattr(image, "numpy") else np.asarray(image)
    picture = Image.fromarray(np.clip(255.0 * pixels, 0, 255).astype(np.uint8))
    info = None
    if not _metadata_disabled():
        info = PngInfo()
        if prompt is not None:
            info.add_text("prompt", json.dumps(prompt))
        for key, value in (extra_pnginfo or {}).items():
            info.add_text(key, json.dumps(value))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", pnginfo=info, compress_level=COMPRESS_LEVEL)
    return buffer.getvalue()


def save_to_output(pngs: List[bytes], filename_prefix: str, images: Any) -> List[Dict[str, str]]:
    """The very bytes posted, written where SaveImage would write them (the UI then shows them)."""
    import folder_paths  # ComfyUI's own module, there only inside ComfyUI

    height, width = images[0].shape[0], images[0].shape[1]
    folder, name, counter, subfolder, _ = folder_paths.get_save_image_path(
        filename_prefix, folder_paths.get_output_directory(), width, height
    )
    results = []
    for index, png in enumerate(pngs):
        file = f"{name.replace('%batch_num%', str(index))}_{counter + index:05}_.png"
        with open(os.path.join(folder, file), "wb") as handle:
            handle.write(png)
        results.append({"filename": file, "subfolder": subfolder, "type": "output"})
    return results


def _parse_overrides(text: str) -> Dict[str, Any]:
    if not text or not text.strip():
        return {}
    try:
        parsed = json.loads(text)
    except ValueError as error:
        raise ValueError(f"Save to Lightbox: overrides is not valid JSON ({error})") from None
    if not isinstance(parsed, dict):
        raise ValueError("Save to Lightbox: overrides must be a JSON object")
    return parsed


def _metadata_disabled() -> bool:
    """ComfyUI's --disable-metadata (the fields are still posted, just not embedded)."""
    try:
        from comfy.cli_args import args  # type: ignore[import-not-found]
    except ImportError:
        return False
    return bool(getattr(args, "disable_metadata", False))


def _log(message: str) -> None:
    print(f"[Save to Lightbox] {message}")
