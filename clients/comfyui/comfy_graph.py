"""The executed ComfyUI graph (the hidden `prompt` input: node id -> {class_type, inputs}), and the moves every
role reader needs: follow a link through reroutes and switches, and resolve an input to its literal value.
The same rules as the app's reader (lib/metadata/parsers/comfyui-graph.ts, comfyui-values.ts), so both read
one graph alike."""

from __future__ import annotations

import re
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


def find_input_key(node: Node, names: Tuple[str, ...]) -> Optional[str]:
    """The first of `names` among the node's inputs, whatever their case (`Steps`, `CFG`, `Text`)."""
    lowered = {key.lower(): key for key in node.inputs}
    return next((lowered[name.lower()] for name in names if name.lower() in lowered), None)


def read_input(node: Node, names: Tuple[str, ...]) -> Any:
    key = find_input_key(node, names)
    return node.inputs[key] if key is not None else None


def is_pass_through(node: Node) -> bool:
    """Reroutes and bypass-like nodes: nothing but one link in. Zeroed conditioning carries no prompt."""
    return len(node.inputs) == 1 and len(link_inputs(node)) == 1 and node.class_type != "ConditioningZeroOut"


_MISSING = object()
TRUE_BRANCHES = ("on_true", "tt_value", "true", "if_true", "value_if_true", "input_true")
FALSE_BRANCHES = ("on_false", "ff_value", "false", "if_false", "value_if_false", "input_false")
BOOLEAN_SELECTORS = ("switch", "boolean", "cond", "condition", "state")
INDEX_SELECTORS = ("select", "input", "index", "selection", "selected", "choice")
NUMBERED = re.compile(r"^(.*?)_?(\d+)$")
IMPLICIT_SWITCH = re.compile(r"^any_?\d+$", re.IGNORECASE)
MAX_DEPTH = 12


def chosen_switch_input(graph: Graph, node: Node, depth: int = 0) -> Any:
    """The input a switch forwards: a boolean selector with true/false branches (core/Crystools on_true/on_false,
    Impact tt_value/ff_value), a number selector picking a numbered input (Impact input1…, Comfyroll text1…), or
    rgthree's Any Switch (only numbered links: the first). _MISSING when no switch or the choice is unknown."""
    if depth > MAX_DEPTH:
        return _MISSING
    inputs = node.inputs
    true_key, false_key = find_input_key(node, TRUE_BRANCHES), find_input_key(node, FALSE_BRANCHES)
    boolean_key = find_input_key(node, BOOLEAN_SELECTORS)
    if (true_key or false_key) and boolean_key:
        choice = _to_boolean(resolve_value(graph, inputs[boolean_key], ("value",), depth + 1))
        if choice is None:
            return _MISSING
        key = true_key if choice else false_key
        return inputs[key] if key is not None else _MISSING
    selector = find_input_key(node, INDEX_SELECTORS)
    if selector is not None and any(name != selector and NUMBERED.match(name) for name in inputs):
        index = resolve_value(graph, inputs[selector], ("value",), depth + 1)
        if isinstance(index, bool) or not isinstance(index, (int, float)) or index != int(index):
            return _MISSING
        for name, value in inputs.items():
            numbered = NUMBERED.match(name)
            if name != selector and numbered and int(numbered.group(2)) == int(index):
                return value
        return _MISSING
    entries = list(inputs.items())
    if len(entries) > 1 and all(as_link(value) and IMPLICIT_SWITCH.match(name) for name, value in entries):
        return entries[0][1]
    return _MISSING


def _to_boolean(value: Any) -> Optional[bool]:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value != 0
    if value in ("true", "True", "on", "On"):
        return True
    if value in ("false", "False", "off", "Off"):
        return False
    return None


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


# Output made at run time, not in the graph: language models and taggers writing a prompt, random numbers, counters.
RUN_TIME = re.compile(
    r"TextGenerate|LLM|Ollama|Florence|PromptEnhanc|PromptGen|Gemini|GPT|Tagger|Caption|Interrogat"
    r"|Random ?(Number|Int|Float|Line|Text)|Counter|Load Text|Text Load|Read Text|Load .*File",
    re.IGNORECASE,
)
# Display nodes pass their input on; their own widget shows the previous run's value.
DISPLAY = re.compile(r"show|display|preview|debug|inspect", re.IGNORECASE)
VALUE_KEYS = ("value", "seed", "noise_seed", "text", "string", "int", "float", "number", "boolean", "prompt", "populated_text")
MAX_VALUE_NODE_INPUTS = 4
PIPE_INPUT = re.compile(r"pipe|tuple|ctx|context|^bus$|^data$|^inputs$|^parameters$|^settings$", re.IGNORECASE)


def is_run_time_value(node: Node) -> bool:
    return bool(RUN_TIME.search(node.class_type))


def pipe_links(node: Node) -> List[Any]:
    """Inputs carrying a bundle (Impact/tinyterra pipes, Efficiency's sdxl_tuple, rgthree context, Searge streams)."""
    return [value for name, value in node.inputs.items() if as_link(value) and PIPE_INPUT.search(name)]


def _pass_value(graph: Graph, node: Node, preferred: Tuple[str, ...], depth: int) -> Any:
    """What a value node hands on, one hop; _MISSING when the node computes its output."""
    chosen = chosen_switch_input(graph, node, depth)
    if chosen is not _MISSING:
        return chosen
    links = link_inputs(node)
    if len(links) == 1 and DISPLAY.search(node.class_type):
        return node.inputs[links[0][0]]
    key = find_input_key(node, preferred)
    if key is not None:
        return node.inputs[key]
    # A value node holds its value beside a few widgets; a node with many settings is not one.
    key = find_input_key(node, VALUE_KEYS) if len(node.inputs) <= MAX_VALUE_NODE_INPUTS else None
    if key is not None:
        return node.inputs[key]
    if is_pass_through(node):
        return next(iter(node.inputs.values()))
    literals = [value for value in node.inputs.values() if not as_link(value)]
    return literals[0] if len(literals) == 1 and not links else _MISSING


def resolve_value(graph: Graph, value: Any, preferred: Any = None, depth: int = 0) -> Any:
    """An input's literal value, following links through reroutes, switches and value nodes (PrimitiveNode,
    rgthree Seed, Crystools primitives, CR Seed, …) and into pipes by name. None when made at run time."""
    names: Tuple[str, ...] = (preferred,) if isinstance(preferred, str) else tuple(preferred or ())
    current = value
    for _ in range(MAX_HOPS):
        if depth > MAX_DEPTH:
            return None
        link = as_link(current)
        if not link:
            return current
        node = graph.get(link[0])
        if node is None or is_run_time_value(node):
            return None
        if node.class_type == "StringConcatenate":
            return _concatenate(graph, node)
        following = _pass_value(graph, node, names, depth)
        if following is _MISSING:
            return _find_in_pipes(graph, node, names, depth) if names else None
        current = following
    return None


def _find_in_pipes(graph: Graph, start: Node, names: Tuple[str, ...], depth: int) -> Any:
    """A named value a pipe carries: what the node that filled the pipe holds under the same name."""
    queue = pipe_links(start)
    seen = {start.id}
    while queue and len(seen) < MAX_HOPS:
        node = linked_node(graph, queue.pop(0))
        if node is None or node.id in seen:
            continue
        seen.add(node.id)
        key = find_input_key(node, names)
        if key is not None:
            return resolve_value(graph, node.inputs[key], names, depth + 1)
        queue.extend(pipe_links(node))
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
