"""The latent behind a sampler: followed back through earlier samplers (a base pass under a refiner or hires
pass) and latent upscales to the empty latent and its size, a loader that makes one (Efficiency's
empty_latent_width/height), a resolution helper, or an encoded input image (img2img)."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Tuple

from .comfy_graph import MAX_HOPS, Graph, Node, as_link, follow_link, resolve_value
from .graph_samplers import is_sampler, to_int, to_number, to_text

SIZE_PATTERN = re.compile(r"(\d{2,5})\s*[x×*]\s*(\d{2,5})")
# Inputs where resolution helpers hold their choice as text: "1024x1024 (1.0)", "1:1 square 1024x1024", …
SIZE_TEXT_KEYS = ("resolution", "dimensions", "aspect_ratio", "size", "preset")


class LatentTrace:
    """What a sampler's latent input came from; `upstream_samplers` nearest first."""

    def __init__(self, graph: Graph, link: Any) -> None:
        self.width: Optional[int] = None
        self.height: Optional[int] = None
        self.upstream_samplers: List[Node] = []
        self.upscale: Optional[Dict[str, Any]] = None
        self.input_image: Optional[str] = None
        node = follow_link(graph, link)
        for _ in range(MAX_HOPS):
            if node is None:
                return
            inputs = node.inputs
            if is_sampler(graph, node):
                self.upstream_samplers.append(node)
                node = follow_link(graph, inputs.get("latent_image", inputs.get("latent")))
                continue
            if "scale_by" in inputs or ("upscale_method" in inputs and "samples" in inputs):
                self.upscale = self.upscale or _read_upscale(graph, node)
                node = follow_link(graph, inputs.get("samples"))
                continue
            size = _read_size(graph, node)
            if size is not None:
                self.width, self.height = size
                return
            if "pixels" in inputs:
                image = follow_link(graph, inputs["pixels"])
                decoded = follow_link(graph, image.inputs.get("samples")) if image is not None else None
                if decoded is not None and is_sampler(graph, decoded):
                    node = decoded  # decoded and encoded again: a second pass refining the first pass's picture
                    continue
                self.input_image = to_text(resolve_value(graph, image.inputs.get("image"), "image")) if image else None
                return
            node = follow_link(graph, inputs.get("samples", inputs.get("latent", inputs.get("latent_image"))))


def _read_size(graph: Graph, node: Node) -> Optional[Tuple[Optional[int], Optional[int]]]:
    inputs = node.inputs
    if "empty_latent_width" in inputs and "empty_latent_height" in inputs:  # Efficiency's loaders
        return (
            resolve_dimension(graph, inputs["empty_latent_width"], 0),
            resolve_dimension(graph, inputs["empty_latent_height"], 1),
        )
    preset = read_helper_size(graph, node)
    if preset is not None:
        return preset
    if "width" in inputs and "height" in inputs and "samples" not in inputs:
        return resolve_dimension(graph, inputs["width"], 0), resolve_dimension(graph, inputs["height"], 1)
    return None


def resolve_dimension(graph: Graph, value: Any, axis: int) -> Optional[int]:
    """A side given as a literal, a primitive, or by a resolution helper (asked by axis, not output slot)."""
    direct = to_int(resolve_value(graph, value, "width" if axis == 0 else "height"))
    if direct is not None or not as_link(value):
        return direct
    helper = follow_link(graph, value)
    size = read_helper_size(graph, helper) if helper is not None else None
    return size[axis] if size is not None else None


def read_helper_size(graph: Graph, node: Node) -> Optional[Tuple[int, int]]:
    """A size chosen as text ("1024x1024 (1.0)", "1:1 square 1024x1024") by a resolution helper or preset, or
    computed by ComfyUI's ResolutionSelector."""
    inputs = node.inputs
    if "aspect_ratio" in inputs and "megapixels" in inputs:
        return _select_resolution(graph, node)
    for key in SIZE_TEXT_KEYS:
        match = SIZE_PATTERN.search(to_text(resolve_value(graph, inputs.get(key))) or "")
        if not match:
            continue
        width_override = to_int(resolve_value(graph, inputs.get("width_override"))) or 0
        height_override = to_int(resolve_value(graph, inputs.get("height_override"))) or 0
        width, height = width_override or int(match.group(1)), height_override or int(match.group(2))
        if resolve_value(graph, inputs.get("swap_dimensions")) == "On":  # Comfyroll's aspect-ratio nodes
            width, height = height, width
        return width, height
    return None


def _select_resolution(graph: Graph, node: Node) -> Optional[Tuple[int, int]]:
    """ComfyUI core ResolutionSelector (comfy_extras/nodes_resolution.py): the ratio scaled to the megapixel target
    (MiB of pixels), each side rounded to `multiple`; below its `minimum` side it follows another rule, left unknown."""
    ratio = re.match(r"^(\d+):(\d+)", to_text(resolve_value(graph, node.inputs.get("aspect_ratio"))) or "")
    megapixels = to_number(resolve_value(graph, node.inputs.get("megapixels")))
    multiple = to_int(resolve_value(graph, node.inputs.get("multiple"))) or 8
    minimum = to_int(resolve_value(graph, node.inputs.get("minimum"))) or 256
    if ratio is None or megapixels is None or megapixels <= 0 or multiple <= 0:
        return None
    width_ratio, height_ratio = int(ratio.group(1)), int(ratio.group(2))
    if width_ratio <= 0 or height_ratio <= 0:
        return None
    scale = (megapixels * 1024 * 1024 / (width_ratio * height_ratio)) ** 0.5
    width = round(width_ratio * scale / multiple) * multiple
    height = round(height_ratio * scale / multiple) * multiple
    return None if width < minimum or height < minimum else (width, height)


def _read_upscale(graph: Graph, node: Node) -> Dict[str, Any]:
    upscale: Dict[str, Any] = {"node": node.class_type}
    method = to_text(resolve_value(graph, node.inputs.get("upscale_method")))
    scale = to_number(resolve_value(graph, node.inputs.get("scale_by")))
    width = to_int(resolve_value(graph, node.inputs.get("width")))
    height = to_int(resolve_value(graph, node.inputs.get("height")))
    if method:
        upscale["upscaler"] = method
    if scale is not None:
        upscale["upscale"] = scale
    if width is not None and height is not None:
        upscale["resize"] = f"{width}x{height}"
    return upscale
