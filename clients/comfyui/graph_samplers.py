"""Which node sampled the image, read by role rather than by class name: a sampler is any node that takes a
seed (`seed`, `noise_seed`, or a noise source), steps (or sigmas), a cfg (or a guider) and a sampler name (or a
sampler), whatever pack it comes from. Walking back from the node that received the image finds the pass that
made it; then the latent path tells a refiner or hires pass from the base pass."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from .comfy_graph import Graph, Node, ancestors_in_order, as_link, follow_link, resolve_value

# Inputs that carry several things in one link (Efficiency's SDXL tuple, tinyterra / Impact pipes).
PIPE_KEYS = ("sdxl_tuple", "pipe", "basic_pipe", "sdxl_pipe")
OUTPUT_WORDS = ("save", "preview", "output")


def is_sampler(graph: Graph, node: Node) -> bool:
    inputs = node.inputs
    has_seed = any(key in inputs for key in ("seed", "noise_seed", "noise"))
    has_steps = "steps" in inputs or "sigmas" in inputs
    has_cfg = "cfg" in inputs or "guider" in inputs
    has_sampler = "sampler_name" in inputs or "sampler" in inputs
    return has_seed and has_steps and has_cfg and has_sampler


def is_latent_sampler(node: Node) -> bool:
    """Samples a latent (KSampler and kin), as opposed to repainting a decoded image (FaceDetailer, tiled upscalers)."""
    return "latent_image" in node.inputs or "latent" in node.inputs


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
    preferred = [node for node in finals if node.id in reaching_output]
    return (preferred or finals or samplers or [None])[-1]


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
    for key in PIPE_KEYS:
        if as_link(node.inputs.get(key)):
            return node.inputs[key]
    return None


class SamplerSettings:
    """One sampler's settings, with the links the rest of the reading follows."""

    def __init__(self, graph: Graph, node: Node) -> None:
        inputs = node.inputs
        guider = follow_link(graph, inputs.get("guider"))
        sigmas = follow_link(graph, inputs.get("sigmas"))
        chooser = follow_link(graph, inputs.get("sampler"))
        noise = follow_link(graph, inputs.get("noise"))
        pipe = pipe_link(node)
        self.node = node
        seed_source = _first(inputs, "seed", "noise_seed")
        if seed_source is None and noise is not None:
            seed_source = _first(noise.inputs, "noise_seed", "seed")
        self.seed = to_seed(resolve_value(graph, seed_source, "seed"))
        self.steps = to_int(resolve_value(graph, _pick(_first(inputs, "steps"), _from(sigmas, "steps")), "steps"))
        self.cfg = to_number(resolve_value(graph, _pick(_first(inputs, "cfg"), _from(guider, "cfg")), "cfg"))
        if self.cfg is None and guider is not None and "cfg" not in guider.inputs and "negative" not in guider.inputs:
            # BasicGuider: the conditioning alone, no classifier-free guidance (A1111 writes this as CFG 1).
            self.cfg = 1.0
        sampler = _pick(_first(inputs, "sampler_name"), _from(chooser, "sampler_name"))
        self.sampler = to_text(resolve_value(graph, sampler, "sampler_name"))
        scheduler = _pick(_first(inputs, "scheduler"), _from(sigmas, "scheduler"))
        self.scheduler = to_text(resolve_value(graph, scheduler, "scheduler"))
        denoise = _pick(_first(inputs, "denoise"), _from(sigmas, "denoise"))
        self.denoise = to_number(resolve_value(graph, denoise, "denoise"))
        add_noise = resolve_value(graph, inputs.get("add_noise"))
        self.adds_noise = add_noise not in ("disable", False) and not (noise is not None and noise.class_type == "DisableNoise")
        self.model = _pick(_first(inputs, "model"), _from(guider, "model"), pipe)
        self.positive = _pick(_first(inputs, "positive"), _from(guider, "positive"), _from(guider, "conditioning"))
        self.negative = _pick(_first(inputs, "negative"), _from(guider, "negative"))
        if guider is None and pipe is not None:
            self.positive = _pick(self.positive, pipe)
            self.negative = _pick(self.negative, pipe)
        self.latent = _first(inputs, "latent_image", "latent")

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

