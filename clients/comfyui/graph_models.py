"""The checkpoint and LoRAs behind a sampler's model input, read by role: any node naming a checkpoint
(`ckpt_name`, `unet_name`, …) ends the walk; LoRAs come from LoRA loaders, loaders that carry one inside them
(Efficiency's Efficient Loader), rgthree's Power Lora Loader, and LoRA stacks wired in through `lora_stack`
(Efficiency's LoRA Stacker, Comfyroll's CR LoRA Stack), in the order they are applied."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Tuple

from .comfy_graph import MAX_HOPS, Graph, Node, as_link, follow_link, read_input, resolve_value
from .graph_samplers import to_number, to_text

CHECKPOINT_KEYS = ("ckpt_name", "unet_name", "model_name", "model_path", "base_ckpt_name", "gguf_name")
STACKED_NAME = re.compile(r"^lora_name_(\d+)$")
NUMBERED_LORA = re.compile(r"^lora_(\d+)$")
SINGLE_WEIGHT_KEYS = ("strength_model", "lora_model_strength", "model_strength", "lora_strength", "lora_weight", "strength", "weight")
STACK_KEYS = ("lora_stack", "loras", "lora_stack_opt", "optional_lora_stack", "prev_lora")

Lora = Dict[str, Any]


def is_named(value: Optional[str]) -> bool:
    return value is not None and value.strip() != "" and value.lower() != "none" and value != "Baked VAE"


def trace_model(graph: Graph, link: Any) -> Tuple[Optional[str], List[Lora], Optional[str]]:
    """(checkpoint, LoRAs in the order applied, the loader's own VAE) upstream of a model input."""
    loras: List[Lora] = []
    node = follow_link(graph, link)
    for _ in range(MAX_HOPS):
        if node is None:
            break
        loras[0:0] = read_loras(graph, node)
        key = next((candidate for candidate in CHECKPOINT_KEYS if candidate in node.inputs), None)
        if key is not None:
            vae = to_text(resolve_value(graph, node.inputs.get("vae_name")))
            return to_text(resolve_value(graph, node.inputs[key])), loras, vae if is_named(vae) else None
        upstream = node.inputs.get("model")
        if not as_link(upstream):
            upstream = next((value for value in node.inputs.values() if as_link(value)), None)
        node = follow_link(graph, upstream)
    return None, loras, None


def read_loras(graph: Graph, node: Node, depth: int = 0) -> List[Lora]:
    """The LoRAs one node applies: its own, then (Efficiency order) the stack wired into it."""
    inputs = node.inputs
    toggle = resolve_value(graph, inputs.get("toggle"))
    if toggle is False or toggle == "off":  # a stack switched off as a whole applies nothing
        return []
    loras: List[Lora] = []
    name = _lora_name(resolve_value(graph, inputs.get("lora_name")))
    if is_named(name):
        weight = read_input(node, SINGLE_WEIGHT_KEYS)
        loras.append(_lora(name, resolve_value(graph, weight)))
    for key, value in inputs.items():
        numbered = NUMBERED_LORA.match(key)
        if numbered and isinstance(value, dict):  # rgthree Power Lora Loader: {"on", "lora", "strength"}
            if value.get("on") is not False and is_named(to_text(value.get("lora"))):
                loras.append(_lora(value["lora"], value.get("strength")))
        elif numbered:  # rgthree Lora Loader Stack: lora_01 + strength_01
            lora_name = to_text(resolve_value(graph, value))
            if is_named(lora_name):
                loras.append(_lora(lora_name, resolve_value(graph, inputs.get(f"strength_{numbered.group(1)}"))))
    stacked = _stack_entries(graph, node)
    # Its own entries, then the stack wired in (the app lists them in this order too).
    upstream = follow_link(graph, read_input(node, STACK_KEYS)) if depth < MAX_HOPS else None
    incoming = read_loras(graph, upstream, depth + 1) if upstream is not None else []
    return loras + stacked + incoming


def _stack_entries(graph: Graph, node: Node) -> List[Lora]:
    """lora_name_N slots: Efficiency's LoRA Stacker (lora_count slots; input_mode simple → lora_wt_N, advanced →
    model_str_N) and Comfyroll's CR LoRA Stack (switch_N On/Off, model_weight_N)."""
    inputs = node.inputs
    count = resolve_value(graph, inputs.get("lora_count"))
    mode = resolve_value(graph, inputs.get("input_mode"))
    weight_keys = ("lora_wt_", "model_str_") if mode == "simple" else ("model_str_", "lora_wt_", "model_weight_", "strength_")
    entries: List[Tuple[int, Lora]] = []
    for key, value in inputs.items():
        slot = STACKED_NAME.match(key)
        if not slot:
            continue
        index = int(slot.group(1))
        name = _lora_name(resolve_value(graph, value))
        if not is_named(name) or (isinstance(count, int) and index > count):
            continue
        if resolve_value(graph, inputs.get(f"switch_{index}")) == "Off":
            continue
        weight = next((inputs[prefix + str(index)] for prefix in weight_keys if prefix + str(index) in inputs), None)
        entries.append((index, _lora(name, resolve_value(graph, weight))))
    return [lora for _, lora in sorted(entries, key=lambda entry: entry[0])]


def _lora_name(value: Any) -> Optional[str]:
    # LoRA Manager style pickers hold {"content": "<file>", …}.
    if isinstance(value, dict):
        value = value.get("content")
    return to_text(value)


def _lora(name: str, weight: Any) -> Lora:
    return {"name": name, "weight": to_number(weight)}


def trace_clip_skip(graph: Graph, encoder: Optional[Node]) -> Optional[int]:
    """CLIPSetLastLayer on the encoder's clip path (stop_at_clip_layer -2 is A1111's "Clip skip: 2"), or a
    loader that sets it itself (Efficient Loader's clip_skip)."""
    node = encoder
    for _ in range(MAX_HOPS):
        if node is None:
            return None
        for key in ("stop_at_clip_layer", "clip_skip", "base_clip_skip"):
            stop = to_number(resolve_value(graph, node.inputs.get(key)))
            if stop is not None and stop != 0:
                return abs(int(stop))
        if node is not encoder and any(key in node.inputs for key in CHECKPOINT_KEYS):
            return None
        upstream = node.inputs.get("clip", node.inputs.get("opt_clip"))
        if not as_link(upstream):
            upstream = next((value for value in node.inputs.values() if as_link(value)), None) if node is not encoder else None
        node = follow_link(graph, upstream)
    return None


def trace_vae(graph: Graph, sampler_id: str) -> Optional[str]:
    """The VAE the decoder of this sampler's output loads (None when the checkpoint's own VAE decodes)."""
    for node in graph:
        if "vae" not in node.inputs or "samples" not in node.inputs:
            continue
        decoded = follow_link(graph, node.inputs["samples"])
        if decoded is None or decoded.id != sampler_id:
            continue
        loader = follow_link(graph, node.inputs["vae"])
        name = to_text(resolve_value(graph, loader.inputs.get("vae_name"))) if loader is not None else None
        return name if is_named(name) else None
    return None
