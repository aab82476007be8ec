"""Everything Lightbox stores about an image, read from the executed graph by walking back from the node that
received it: the sampler that made it, its conditioning text, checkpoint, LoRAs and latent size. Conditioning
is followed through ControlNet / area / guidance nodes, pipes and loaders that carry their prompts inside them
(Efficiency's Efficient Loader), to the text the encoder got."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Set, Tuple

from .comfy_graph import MAX_HOPS, Graph, Node, as_link, find_input_key, follow_link, resolve_value
from .graph_latent import LatentTrace
from .graph_models import trace_clip_skip, trace_model, trace_vae
from .graph_subgraph import read_subgraph_prompt
from .graph_text import resolve_text
from .graph_samplers import SamplerSettings, list_detailers, pick_sampler, pipe_link, to_number

# Text inputs of prompt encoders: CLIPTextEncode, CLIPTextEncodeSDXL, Flux, rgthree Power Prompt, Impact's
# wildcard encoder (what it expanded to, which is what it encoded; else its template), …
TEXT_KEYS = ("populated_text", "text", "text_g", "text_l", "prompt", "t5xxl", "clip_l", "positive_prompt", "negative_prompt")
TEMPLATE_ONLY_KEYS = ("wildcard_text",)
MAX_TEXTS = 16


def read_generation_fields(prompt: Any, node_id: Optional[str] = None, workflow: Any = None) -> Dict[str, Any]:
    """The API metadata for the image that reached node `node_id` of the executed graph `prompt` (the UI graph
    `workflow` only for a subgraph template's prompt); only the fields the graph states (none without a sampler)."""
    graph = Graph(prompt)
    start = graph.get(str(node_id)) if node_id is not None else None
    final_node = pick_sampler(graph, start)
    if final_node is None:
        return {}
    final = SamplerSettings(graph, final_node)
    latent = LatentTrace(graph, final.latent)
    upstream = [SamplerSettings(graph, node) for node in latent.upstream_samplers]
    final_model, final_loras, final_vae = trace_model(graph, final.model)
    base = _base_pass(graph, final, final_model, upstream, latent.upscale is not None)
    main = base or final
    # A refiner-style pass continuing a latent without adding noise has no seed of its own; a hires pass has.
    own_seed = (main.adds_noise or latent.upscale is not None) and main.seed is not None
    seed_source = main if own_seed else next((s for s in upstream if s.seed is not None), None)
    positive, encoder, guidance = trace_prompt(graph, main.positive, "positive")
    negative, _, _ = trace_prompt(graph, main.negative, "negative")
    model, loras, loader_vae = trace_model(graph, main.model) if base else (final_model, final_loras, final_vae)
    prompt_source = None
    if positive is None:
        positive = read_subgraph_prompt(workflow, graph)
        # What the user typed, not necessarily what the encoder got (a language model may have rewritten it).
        prompt_source = "subgraph input" if positive is not None else None

    params: Dict[str, Any] = {
        "sampler_node": {"id": final.node.id, "class_type": final.node.class_type},
        "denoise": main.denoise,
        "vae": trace_vae(graph, final.node.id) or loader_vae,
        "clip_skip": trace_clip_skip(graph, encoder),
        "width": latent.width,
        "height": latent.height,
        "input_image": latent.input_image,
        "prompt_source": prompt_source,
    }
    if latent.upscale is not None and upstream:
        params["hires"] = {**latent.upscale, "steps": final.steps, "denoise": final.denoise}
    if base is not None:
        # A refiner adds no noise, so its seed widget is unused.
        refiner = {key: value for key, value in final.summary().items() if key != "seed"}
        params["refiner"] = {**refiner, "model": final_model}
    detailers = list_detailers(graph, start, final_node)
    if detailers:
        params["detailers"] = [SamplerSettings(graph, node).summary() for node in detailers]
    fields: Dict[str, Any] = {
        "generator": "comfyui",
        "prompt": positive,
        "negative_prompt": negative,
        "seed": seed_source.seed if seed_source is not None else main.seed,
        "steps": main.steps,
        # Flux with a guider that has no CFG: the FluxGuidance value is the CFG people read (and Civitai writes).
        "cfg_scale": main.cfg if main.cfg is not None else guidance,
        "sampler": main.sampler,
        "scheduler": main.scheduler,
        "model": model,
        "loras": loras or None,
        "params": {key: value for key, value in params.items() if value is not None},
    }
    return {key: value for key, value in fields.items() if value is not None}


def _base_pass(
    graph: Graph, final: SamplerSettings, final_model: Optional[str], upstream: List[SamplerSettings], upscaled: bool
) -> Optional[SamplerSettings]:
    """The pass that made the image when the last one only refines it: an SDXL refiner continues the base latent
    without adding noise; a second pass on another model (PixArt, then an SD1.5 refiner) refines what the first
    made. A hires pass on the same model is itself the main pass."""
    previous = upstream[0] if upstream else None
    if previous is None:
        return None
    if not final.adds_noise and not upscaled:
        return previous
    previous_model = trace_model(graph, previous.model)[0]
    return previous if final_model is not None and previous_model is not None and final_model != previous_model else None


def trace_prompt(graph: Graph, link: Any, polarity: str) -> Tuple[Optional[str], Optional[Node], Optional[float]]:
    """(text, the node that encoded it, Flux guidance on the way) feeding a sampler's positive or negative input.
    Conditioning may pass through ControlNet, area, combine and guidance nodes (followed along the same polarity,
    or every conditioning input in order), a pipe, or end in a loader holding the prompt as text."""
    texts: List[str] = []
    found: Dict[str, Any] = {"encoder": None, "guidance": None}
    visited: Set[str] = set()

    def add(node: Node, new_texts: List[str]) -> None:
        for text in new_texts:
            if text not in texts:
                texts.append(text)
        found["encoder"] = found["encoder"] or node

    def visit(value: Any, depth: int) -> None:
        node = follow_link(graph, value)
        if node is None or node.id in visited or depth > MAX_HOPS or len(texts) >= MAX_TEXTS:
            return
        visited.add(node.id)
        if node.class_type == "ConditioningZeroOut":  # zeroed: no prompt reaches the sampler
            return
        if "guidance" in node.inputs and found["guidance"] is None:
            found["guidance"] = to_number(resolve_value(graph, node.inputs["guidance"]))
        node_texts = read_texts(graph, node)
        if node_texts:
            return add(node, node_texts)
        own = node.inputs.get(polarity)
        if isinstance(own, str):  # Efficient Loader and kin encode their own `positive` / `negative` text
            return add(node, [own])
        for key in (polarity, f"base_{polarity}"):
            if as_link(node.inputs.get(key)):
                before = len(texts)
                visit(node.inputs[key], depth + 1)
                text = resolve_text(graph, node.inputs[key])
                if len(texts) == before and isinstance(text, str):  # a loader's prompt wired from a text node
                    add(node, [text])
                return
        conditionings = [value for name, value in node.inputs.items() if name.startswith("conditioning") and as_link(value)]
        for conditioning in conditionings:
            visit(conditioning, depth + 1)
        if not conditionings and pipe_link(node) is not None:
            visit(pipe_link(node), depth + 1)

    visit(link, 0)
    return ("\n".join(texts) if texts else None), found["encoder"], found["guidance"]


def read_texts(graph: Graph, node: Node) -> List[str]:
    texts: List[str] = []
    for key in TEXT_KEYS:
        found = find_input_key(node, (key,))
        if found is None:
            continue
        value = resolve_text(graph, node.inputs[found])
        if isinstance(value, str) and value not in texts:
            texts.append(value)
    # smZ / SDXL encoders carry empty text_g / text_l beside the real text; "" alone is a recorded empty prompt.
    written = [text for text in texts if text != ""]
    if not written and find_input_key(node, TEMPLATE_ONLY_KEYS) is not None:
        template = resolve_text(graph, node.inputs[find_input_key(node, TEMPLATE_ONLY_KEYS)])
        return [template] if isinstance(template, str) else texts
    return written or texts
