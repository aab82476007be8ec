"""The prompt a user typed into a subgraph template (Krea-2, Qwen, … templates: API node ids `30:19`), for when the
encoder's text cannot be traced to a literal because a language model rewrote it at run time. The UI graph (the
`workflow` ComfyUI hands a save node) says which inner input the template's "prompt" field feeds; the value is
read from the executed graph at `<instance id>:<inner node id>`. The app reads it the same way
(lib/metadata/parsers/comfyui-subgraph.ts)."""

from __future__ import annotations

from typing import Any, Optional

from .comfy_graph import Graph, resolve_value

PROMPT_LABELS = {"prompt", "text", "positive", "positive_prompt", "positive prompt"}


def read_subgraph_prompt(workflow: Any, graph: Graph) -> Optional[str]:
    if not isinstance(workflow, dict) or not isinstance(workflow.get("nodes"), list):
        return None
    definitions = workflow.get("definitions")
    subgraphs = definitions.get("subgraphs") if isinstance(definitions, dict) else None
    for subgraph in subgraphs if isinstance(subgraphs, list) else []:
        if not isinstance(subgraph, dict) or not isinstance(subgraph.get("inputs"), list):
            continue
        prompt_input = next(
            (
                entry
                for entry in subgraph["inputs"]
                if isinstance(entry, dict)
                and entry.get("type") == "STRING"
                and str(entry.get("label", entry.get("name"))).lower() in PROMPT_LABELS
            ),
            None,
        )
        if prompt_input is None or not isinstance(prompt_input.get("linkIds"), list):
            continue
        links = [link for link in subgraph.get("links") or [] if isinstance(link, dict)]
        inner_nodes = [node for node in subgraph.get("nodes") or [] if isinstance(node, dict)]
        instances = [node for node in workflow["nodes"] if isinstance(node, dict) and node.get("type") == subgraph.get("id")]
        for link_id in prompt_input["linkIds"]:
            link = next((entry for entry in links if entry.get("id") == link_id), None)
            if link is None:
                continue
            inner = next((node for node in inner_nodes if node.get("id") == link.get("target_id")), None)
            slots = inner.get("inputs") if inner else None
            slot = slots[int(link.get("target_slot", 0))] if isinstance(slots, list) and int(link.get("target_slot", 0)) < len(slots) else None
            input_name = slot.get("name") if isinstance(slot, dict) and isinstance(slot.get("name"), str) else "value"
            for instance in instances:
                node = graph.get(f"{instance.get('id')}:{link.get('target_id')}")
                value = resolve_value(graph, node.inputs.get(input_name), "text") if node else None
                if isinstance(value, str):
                    return value
    return None
