"""A prompt as the graph holds it, through the nodes that make text from text: concatenations (WAS text_a…,
Crystools/RvTools string_1…, core string_a/string_b) with their delimiter, find-and-replace, and wildcard or
dynamic-prompt nodes, whose text is the template the user wrote (Impact's wildcard nodes excepted: the frontend
fills `populated_text` before queueing). The app reads text by these rules (lib/metadata/parsers/comfyui-text.ts)."""

from __future__ import annotations

import re
from typing import Any, List, Optional

from .comfy_graph import (
    _MISSING,
    MAX_HOPS,
    Graph,
    Node,
    _pass_value,
    as_link,
    chosen_switch_input,
    find_input_key,
    is_run_time_value,
    resolve_value,
)

TEMPLATE = re.compile(r"wildcard|DPRandom|DPCombinatorial|DynamicPrompt|Random Line|RandomPrompt|Dynamic Prompt", re.IGNORECASE)
TEMPLATE_KEYS = ("populated_text", "wildcard_text", "text", "prompt", "string", "wildcard", "template")
PART_KEY = re.compile(r"^(text|string|str|input|part)[ _]?([a-z]|\d{1,2})$", re.IGNORECASE)
DELIMITER_KEYS = ("delimiter", "separator", "sep", "joiner")
MAX_DEPTH = 16


def resolve_text(graph: Graph, value: Any, depth: int = 0) -> Optional[str]:
    current = value
    for _ in range(MAX_HOPS):
        if depth > MAX_DEPTH:
            return None
        if not as_link(current):
            return current if isinstance(current, str) else None
        node = graph.get(as_link(current)[0])
        if node is None or is_run_time_value(node):
            return None
        if TEMPLATE.search(node.class_type):
            populated = node.inputs.get("populated_text")
            if isinstance(populated, str) and populated.strip():
                return populated
            key = find_input_key(node, TEMPLATE_KEYS)
            if key is None:
                return None
            current = node.inputs[key]
            continue
        chosen = chosen_switch_input(graph, node)
        if chosen is not _MISSING:
            current = chosen
            continue
        computed = _compute_text(graph, node, depth)
        if computed is not _MISSING:
            return computed
        following = _pass_value(graph, node, ("text",), depth)
        if following is _MISSING:
            return None
        current = following
    return None


def _compute_text(graph: Graph, node: Node, depth: int) -> Any:
    """What a text-making node outputs, _MISSING when the node is not one."""
    inputs = node.inputs
    find, replace, text = (find_input_key(node, (key,)) for key in ("find", "replace", "text"))
    text = text or find_input_key(node, ("string",))
    if find and replace and text:
        whole, old, new = (resolve_text(graph, inputs[key], depth + 1) for key in (text, find, replace))
        if not whole or not old or old not in whole:
            return whole
        return whole.replace(old, new) if new is not None else whole
    parts = sorted((key for key in inputs if PART_KEY.match(key)), key=_part_order)
    delimiter_key = find_input_key(node, DELIMITER_KEYS)
    if len(parts) < 2:
        return _MISSING
    if delimiter_key is None:
        # A batch of linked texts (Inspire "Batch String"): each image gets one; the first is the best guess.
        return resolve_text(graph, inputs[parts[0]], depth + 1) if all(as_link(inputs[key]) for key in parts) else _MISSING
    clean = str(resolve_value(graph, inputs.get("clean_whitespace"))) == "true"
    texts: List[str] = []
    for key in parts:
        part = resolve_text(graph, inputs[key], depth + 1)
        if part is None and as_link(inputs[key]):
            return None
        part = (part or "").strip() if clean else (part or "")
        if part:
            texts.append(part)
    delimiter = resolve_value(graph, inputs[delimiter_key])
    return (delimiter.replace("\\n", "\n") if isinstance(delimiter, str) else "").join(texts)


def _part_order(key: str) -> tuple:
    suffix = PART_KEY.match(key).group(2)  # type: ignore[union-attr]
    return (0, int(suffix), "") if suffix.isdigit() else (1, 0, suffix)
