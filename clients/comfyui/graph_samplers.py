"""Which node sampled the image, read by role rather than by class name: a sampler is any node that takes a
seed (`seed`, `noise_seed`, or a noise source), steps (or sigmas), a cfg (or a guider) and a sampler name (or a
sampler), whatever pack it comes from. Walking back from the node that received the image finds the pass that
made it; then the latent path tells a refiner or hires pass from the base pass."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from .comfy_graph import (
    Graph,
    Node,
    ancestors_in_order,
    as_link,
    find_input_key,
    follow_link,
    pipe_links,
    read_input,
    resolve_value,
)

SEED_KEYS = ("seed", "noise_seed")
STEPS_KEYS = ("steps",)
CFG_KEYS = ("cfg", "cfg_scale")
SAMPLER_KEYS = ("sampler_name", "sampler")
SCHEDULER_KEYS = ("scheduler", "scheduler_name")
MODEL_KEYS = ("model", "base_model")
POSITIVE_KEYS = ("positive", "base_positive")
NEGATIVE_KEYS = ("negative", "base_negative")
LATENT_KEYS = ("latent_image", "latent", "samples", "optional_latent", "latent_input", "latents")
IMAGE_KEYS = ("image", "images", "pixels")
OUTPUT_WORDS = ("save", "preview", "output")


def is_sampler(graph: Graph, node: Node) -> bool:
    def has(keys: Tuple[str, ...]) -> bool:
        return find_input_key(node, keys) is not None

    if has(("guider",)) and has(("noise",)):
        return True
    if has(SEED_KEYS) and has(STEPS_KEYS) and has(CFG_KEYS) and has(SAMPLER_KEYS):
        return True
    return has(SEED_KEYS) and has(("positive",)) and has(("sigmas",))


def is_latent_sampler(node: Node) -> bool:
    """Samples a latent (KSampler and kin), as opposed to repainting a decoded image (FaceDetailer, tiled upscalers)."""
    return not (as_link(read_input(node, IMAGE_KEYS)) and not as_link(read_input(node, LATENT_KEYS)))


def pick_sampler(graph: Graph, start: Optional[Node]) -> Optional[Node]:
    """The pass that made the image `start` received: among the samplers upstream of it (latent samplers
    first), the one no other of them consumes, nearest first. Without `start`, the graph's final sampler,
    preferring one that reaches a save or preview node."""
    order = ancestors_in_order(graph, start) if start is not None else list(graph)
    samplers = [node for node in order if is_sampler(graph, node)]
    candidates = [node for node in samplers if is_latent_sampler(node)] or samplers
    consumed = {ancestor.id for node in candidates for ancestor in ancestors_in_order(graph, node)}
    finals = [node for node in candidates if node.id not in consumed]
    if start is not None:
        return finals[0] if finals else None
    reaching_output = {
        ancestor.id
        for node in graph
        if any(word in node.class_type.lower() for word in OUTPUT_WORDS)
        for ancestor in ancestors_in_order(graph, node)
    }
    candidates = [node for node in finals if node.id in reaching_output] or finals
    # A sampler that takes a latent makes one; a provider (Impact KSamplerProvider) hands settings to a detailer.
    making_latent = [node for node in candidates if as_link(read_input(node, LATENT_KEYS))]
    return (making_latent or candidates or samplers or [None])[-1]


def list_detailers(graph: Graph, start: Optional[Node], sampler: Node) -> List[Node]:
    """Image-space samplers between the pass that made the image and the node that received it."""
    if start is None:
        return []
    before_sampler = {node.id for node in ancestors_in_order(graph, sampler)} | {sampler.id}
    return [
        node
        for node in ancestors_in_order(graph, start)
        if node.id not in before_sampler and is_sampler(graph, node) and not is_latent_sampler(node)
    ]


def pipe_link(node: Node) -> Any:
    links = pipe_links(node)
    return links[0] if links else None


class SamplerSettings:
    """One sampler's settings, with the links the rest of the reading follows."""

    def __init__(self, graph: Graph, node: Node) -> None:
        inputs = node.inputs
        guider = follow_link(graph, inputs.get("guider"))
        sigmas = follow_link(graph, inputs.get("sigmas"))
        chooser = follow_link(graph, read_input(node, ("sampler",)))
        noise = follow_link(graph, inputs.get("noise"))
        pipe = pipe_link(node)
        self.node = node

        def value(keys: Tuple[str, ...], fallback: Optional[Node] = None) -> Any:
            own = read_input(node, keys)
            source = own if own is not None else (read_input(fallback, keys) if fallback is not None else None)
            return resolve_value(graph, source, keys)

        self.seed = to_seed(value(SEED_KEYS, noise))
        self.steps = to_int(value(STEPS_KEYS, sigmas))
        self.cfg = to_number(value(CFG_KEYS, guider))
        sampler_name = read_input(node, ("sampler_name",))
        if sampler_name is None and chooser is None:
            sampler_name = read_input(node, ("sampler",))  # a sampler name, not a link to a sampler chooser
        if sampler_name is None and chooser is not None:
            sampler_name = read_input(chooser, SAMPLER_KEYS)
        self.sampler = to_text(resolve_value(graph, sampler_name, SAMPLER_KEYS))
        self.scheduler = to_text(value(SCHEDULER_KEYS, sigmas))
        self.denoise = to_number(value(("denoise",), sigmas))
        add_noise = resolve_value(graph, node.inputs.get("add_noise"))
        self.adds_noise = add_noise not in ("disable", False)
        self.model = _pick(read_input(node, MODEL_KEYS), _from(guider, "model"), pipe)
        positive = _pick(read_input(node, POSITIVE_KEYS), _from(guider, "positive"), _from(guider, "conditioning"))
        self.positive = _pick(positive, pipe)
        self.negative = _pick(read_input(node, NEGATIVE_KEYS), _from(guider, "negative"), pipe)
        self.latent = _pick(read_input(node, LATENT_KEYS), pipe)

    def summary(self) -> Dict[str, Any]:
        fields = {
            "node": self.node.id,
            "class_type": self.node.class_type,
            "seed": self.seed,
            "steps": self.steps,
            "cfg": self.cfg,
            "sampler": self.sampler,
            "scheduler": self.scheduler,
            "denoise": self.denoise,
        }
        return {key: value for key, value in fields.items() if value is not None}


def _first(inputs: Dict[str, Any], *keys: str) -> Any:
    return next((inputs[key] for key in keys if inputs.get(key) is not None), None)


def _pick(*values: Any) -> Any:
    return next((value for value in values if value is not None), None)


def _from(node: Optional[Node], key: str) -> Any:
    return node.inputs.get(key) if node is not None else None


def to_text(value: Any) -> Optional[str]:
    return value if isinstance(value, str) else None


def to_number(value: Any) -> Optional[float]:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value or value in (float("inf"), float("-inf")):
        return None
    return float(value)


def to_int(value: Any) -> Optional[int]:
    number = to_number(value)
    return int(number) if number is not None and number == int(number) else None


def to_seed(value: Any) -> Optional[str]:
    """Seeds reach 2^64-1 in ComfyUI; kept as decimal text so no digit is lost on the way."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and 0 <= value < 2**64:
        return str(value)
    if isinstance(value, float) and value.is_integer() and 0 <= value < 2**53:
        return str(int(value))
    if isinstance(value, str) and value.isdigit() and len(value) <= 20 and int(value) < 2**64:
        return value
    return None

