"""The metadata part of a post: what the graph states, kept within the API's limits (a graph's odd value is no
reason to refuse an image: it moves to params instead), then the node's run and tags, then the user's overrides
(which the API checks, so a mistake there fails with its message)."""

from __future__ import annotations

import math
from typing import Any, Dict, List, Optional

TEXT_LIMITS = {"prompt": 100_000, "negative_prompt": 100_000, "model": 500, "sampler": 200, "scheduler": 200}
MAX_LORAS = 100
MAX_TAGS = 100


def build_metadata(
    fields: Dict[str, Any], *, run: str = "", tags: str = "", overrides: Optional[Dict[str, Any]] = None
) -> Dict[str, Any]:
    metadata: Dict[str, Any] = {}
    params: Dict[str, Any] = dict(fields.get("params") or {})
    unfit: Dict[str, Any] = {}
    for key, limit in TEXT_LIMITS.items():
        value = fields.get(key)
        if isinstance(value, str):
            text = _storable(value)
            if len(text) <= limit:
                metadata[key] = text
            else:
                unfit[key] = text[:1000]
    for key, low, high, whole in (("steps", 0, 10_000, True), ("cfg_scale", 0, 100, False)):
        value = fields.get(key)
        if _in_range(value, low, high) and (not whole or float(value).is_integer()):
            metadata[key] = int(value) if whole else float(value)
        elif value is not None:
            unfit[key] = value
    seed = fields.get("seed")
    if isinstance(seed, str) and seed.isdigit() and len(seed) <= 20 and int(seed) < 2**64:
        metadata["seed"] = seed
    elif seed is not None:
        unfit["seed"] = seed
    loras = [_lora(entry) for entry in fields.get("loras") or []]
    if loras:
        metadata["loras"] = [entry for entry in loras if entry is not None][:MAX_LORAS]
    if fields.get("generator"):
        metadata["generator"] = fields["generator"]
    if unfit:
        params["unfit"] = unfit
    if params:
        metadata["params"] = _clean(params)
    if run.strip():
        metadata["run"] = _storable(run.strip())[:200]
    tag_list = split_tags(tags)
    if tag_list:
        metadata["tags"] = tag_list
    metadata.update(overrides or {})
    return metadata


def split_tags(text: str) -> List[str]:
    tags: List[str] = []
    for part in text.split(","):
        tag = _storable(part).strip()[:100]
        if tag and tag not in tags:
            tags.append(tag)
    return tags[:MAX_TAGS]


def _lora(entry: Any) -> Optional[Dict[str, Any]]:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        return None
    name = _storable(entry["name"])[:500]
    weight = entry.get("weight")
    return {"name": name, "weight": float(weight) if _in_range(weight, -1e6, 1e6) else None} if name else None


def _in_range(value: Any, low: float, high: float) -> bool:
    return (
        not isinstance(value, bool)
        and isinstance(value, (int, float))
        and math.isfinite(value)
        and low <= value <= high
    )


def _clean(value: Any) -> Any:
    """JSON the API can store: no NaN or infinities (JSON has none), storable text."""
    if isinstance(value, dict):
        return {_storable(str(key)): _clean(item) for key, item in value.items() if _clean(item) is not None}
    if isinstance(value, (list, tuple)):
        return [_clean(item) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, str):
        return _storable(value)
    return value


def _storable(text: str) -> str:
    """Postgres text refuses U+0000 and lone surrogates; a graph may hold either."""
    return text.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")
