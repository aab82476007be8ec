"""A1111/Forge infotext (the `parameters` text every image is saved with) as Lightbox fields, for the one case
the app cannot read it itself: a file saved without it embedded (PNG info turned off, a format without
metadata). When the file carries it, the app's own parser reads it and nothing here is sent.

    <prompt>
    Negative prompt: <negative prompt>
    Steps: 20, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7, Seed: 42, Size: 512x512, Model: …
"""

from __future__ import annotations

import io
import re
from typing import Any, Dict, List

# The webui's own pattern for one `Key: value` of the settings line (modules/infotext_utils.py); values
# holding commas are quoted.
SETTING = re.compile(r'\s*(\w[\w \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)')
LORA_TAG = re.compile(r"<lora:([^:>]+):([-\d.]+)[^>]*>")
FIELDS = {"Sampler": "sampler", "Schedule type": "scheduler", "Model": "model", "Model hash": "model_hash"}


def parse_infotext(infotext: str) -> Dict[str, Any]:
    lines = infotext.strip().split("\n")
    settings_line = lines.pop() if lines and lines[-1].lstrip().startswith("Steps:") else ""
    prompt: List[str] = []
    negative: List[str] = []
    for line in lines:
        if line.startswith("Negative prompt:") and not negative:
            negative.append(line[len("Negative prompt:"):].strip())
        else:
            (negative if negative else prompt).append(line)
    fields: Dict[str, Any] = {"generator": "a1111", "prompt": "\n".join(prompt).strip()}
    if negative:
        fields["negative_prompt"] = "\n".join(negative).strip()
    settings = {key.strip(): _unquote(value.strip()) for key, value in SETTING.findall(settings_line)}
    for name, field in FIELDS.items():
        if settings.get(name):
            fields[field] = settings[name]
    if settings.get("Steps", "").isdigit():
        fields["steps"] = int(settings["Steps"])
    if settings.get("Seed", "").isdigit() and int(settings["Seed"]) < 2**64:
        fields["seed"] = settings["Seed"]
    try:
        fields["cfg_scale"] = float(settings["CFG scale"])
    except (KeyError, ValueError):
        pass
    loras = [{"name": name, "weight": float(weight)} for name, weight in LORA_TAG.findall(fields["prompt"]) if _is_number(weight)]
    if loras:
        fields["loras"] = loras
    fields["params"] = {"infotext": infotext}
    return fields


def file_has_infotext(data: bytes) -> bool:
    """Whether the app can read the infotext from the file: a PNG `parameters` chunk, or the EXIF UserComment
    the webui writes into JPEG and WebP files."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.info.get("parameters"):
                return True
            return bool(image.getexif().get_ifd(0x8769).get(0x9286))
    except Exception:  # noqa: BLE001 - an unreadable file is the app's to refuse, with its own message
        return False


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return value


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
