"""The executed ComfyUI graph (the hidden `prompt` input: node id -> {class_type, inputs}), and the moves every
role reader needs: follow a link through reroutes and switches, and resolve an input to its literal value.
The same rules as the app's reader (lib/metadata/parsers/comfyui-graph.ts), so both read one graph alike."""

from __future__ import annotations

from typing import Any, Dict, Iterator, List, Optional, Set, Tuple

# Deep enough for any real reroute chain, small enough that a cyclic or hostile graph stays cheap.
MAX_HOPS = 64
MAX_NODES = 10_000

Link = Tuple[str, int]


class Node:
    __slots__ = ("id", "class_type", "inputs")

    def __init__(self, node_id: str, class_type: str, inputs: Dict[str, Any]) -> None:
        self.id = node_id
        self.class_type = class_type
        self.inputs = inputs

    def __repr__(self) -> str:
        return f"Node({self.id!r}, {self.class_type!r})"


class Graph:
    def __init__(self, prompt: Any) -> None:
        self.nodes: Dict[str, Node] = {}
        if not isinstance(prompt, dict):
            return
        for node_id, node in prompt.items():
            if len(self.nodes) >= MAX_NODES:
                break
            if isinstance(node, dict) and isinstance(node.get("class_type"), str):
                inputs = node.get("inputs")
                self.nodes[str(node_id)] = Node(str(node_id), node["class_type"], inputs if isinstance(inputs, dict) else {})

    def get(self, node_id: Optional[str]) -> Optional[Node]:
        return self.nodes.get(node_id) if node_id is not None else None

    def __iter__(self) -> Iterator[Node]:
        return iter(self.nodes.values())


def as_link(value: Any) -> Optional[Link]:
    """An input wired to another node's output: [node id, output slot]."""
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        return None
    node_id, slot = value
    if isinstance(node_id, bool) or not isinstance(node_id, (str, int)) or isinstance(slot, bool) or not isinstance(slot, int):
        return None
    return str(node_id), slot


def linked_node(graph: Graph, value: Any) -> Optional[Node]:
    link = as_link(value)
    return graph.get(link[0]) if link else None


def link_inputs(node: Node) -> List[Tuple[str, Link]]:
    links = []
    for name, value in node.inputs.items():
        link = as_link(value)
        if link:
            links.append((name, link))
    return links


# One link in, but the output is not the input: zeroed conditioning carries no prompt.
NOT_PASS_THROUGH = {"ConditioningZeroOut"}


def is_pass_through(node: Node) -> bool:
    """Reroutes and bypass-like nodes: nothing but one link in."""
    return len(node.inputs) == 1 and len(link_inputs(node)) == 1 and node.class_type not in NOT_PASS_THROUGH


_MISSING = object()


def chosen_switch_input(graph: Graph, node: Node) -> Any:
    """The input a switch forwards: a boolean `switch`/`boolean`/`cond` choosing on_true/on_false or
    tt_value/ff_value (ComfySwitchNode, Crystools, Impact), or a number `select`/`Input` picking input1…N /
    text1…N (Impact, Comfyroll). _MISSING when the node is no switch or its choice cannot be resolved."""
    inputs = node.inputs
    for flag, when_true, when_false in (
        ("switch", "on_true", "on_false"),
        ("boolean", "on_true", "on_false"),
        ("cond", "tt_value", "ff_value"),
    ):
        if flag in inputs and (when_true in inputs or when_false in inputs):
            choice = resolve_value(graph, inputs[flag], "value")
            if not isinstance(choice, bool):
                return _MISSING
            return inputs.get(when_true if choice else when_false)
    selector = inputs.get("select", inputs.get("Input", _MISSING))
    if selector is _MISSING:
        return _MISSING
    index = resolve_value(graph, selector, "value")
    if isinstance(index, bool) or not isinstance(index, int):
        return _MISSING
    for key in (f"input{index}", f"text{index}", f"input_{index}"):
        if key in inputs:
            return inputs[key]
    return _MISSING


def follow_link(graph: Graph, value: Any) -> Optional[Node]:
    """From a link through reroutes and switches to the first node that does something."""
    node = linked_node(graph, value)
    for _ in range(MAX_HOPS):
        if node is None:
            return None
        chosen = chosen_switch_input(graph, node)
        if chosen is not _MISSING:
            node = linked_node(graph, chosen)
        elif is_pass_through(node):
            node = linked_node(graph, next(iter(node.inputs.values())))
        else:
            return node
    return node


# Output text written at run time by a language model: what reached the encoder is not in the graph.
TEXT_GENERATOR_WORDS = ("TextGenerate", "LLM", "Ollama", "Florence2", "PromptEnhanc", "PromptGen", "Gemini")
VALUE_KEYS = ("value", "seed", "noise_seed", "text", "string", "int", "float", "number", "prompt", "Text")


def is_text_generator(node: Node) -> bool:
    lowered = node.class_type.lower()
    return any(word.lower() in lowered for word in TEXT_GENERATOR_WORDS)


def resolve_value(graph: Graph, value: Any, preferred_key: Optional[str] = None) -> Any:
    """An input's literal value, following links to primitive and literal nodes (rgthree Seed, Int/String
    Literal, CR Seed, PrimitiveNode, …). None when it is computed at run time."""
    current = value
    for _ in range(MAX_HOPS):
        link = as_link(current)
        if not link:
            return current
        node = graph.get(link[0])
        if node is None or is_text_generator(node):
            return None
        chosen = chosen_switch_input(graph, node)
        if chosen is not _MISSING:
            current = chosen
            continue
        if node.class_type == "StringConcatenate":
            return _concatenate(graph, node)
        keys = ((preferred_key,) if preferred_key else ()) + VALUE_KEYS
        key = next((candidate for candidate in keys if candidate in node.inputs), None)
        scalars = [input_value for input_value in node.inputs.values() if not as_link(input_value)]
        if key is not None:
            current = node.inputs[key]
        elif is_pass_through(node):
            current = next(iter(node.inputs.values()))
        elif len(scalars) == 1:
            current = scalars[0]
        else:
            return None
    return None


def _concatenate(graph: Graph, node: Node) -> Optional[str]:
    """ComfyUI core StringConcatenate: `delimiter.join((string_a, string_b))`."""
    first, delimiter, second = (resolve_value(graph, node.inputs.get(key)) for key in ("string_a", "delimiter", "string_b"))
    if not isinstance(first, str) or not isinstance(second, str):
        return None
    return first + (delimiter if isinstance(delimiter, str) else "") + second


def ancestors_in_order(graph: Graph, start: Node) -> List[Node]:
    """Every node upstream of `start`, nearest first (breadth-first over its links, bounded)."""
    seen: Set[str] = set()
    order: List[Node] = []
    queue = [start]
    while queue and len(seen) < MAX_NODES:
        node = queue.pop(0)
        for _, (node_id, _slot) in link_inputs(node):
            if node_id in seen:
                continue
            seen.add(node_id)
            upstream = graph.get(node_id)
            if upstream is not None:
                order.append(upstream)
                queue.append(upstream)
    return order
