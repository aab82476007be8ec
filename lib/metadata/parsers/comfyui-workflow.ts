import { isRecord } from "../values";
import type { ComfyGraph, ComfyLink } from "./comfyui-graph";
import { WIDGET_NAMES } from "./comfyui-widget-names";
import { nameWidgetsByRole } from "./comfyui-widget-roles";

const MUTED = 2;
const BYPASSED = 4;
/** Virtual wires by name: KJNodes SetNode/GetNode, Easy-Use `easy setNode` / `easy getNode`. */
const SET_NODE = /^(easy )?setnode$/i;
const GET_NODE = /^(easy )?getnode$/i;

type UiNode = Record<string, unknown> & { id: string; type: string; inputs: Record<string, unknown>[] };

/**
 * Converts a UI graph to the API graph shape so one analysis serves both. Muted nodes are dropped;
 * bypassed nodes become reroutes of their first input; Get nodes become reroutes of what the Set node
 * of the same name receives; "Anything Everywhere" broadcasts (`extra.ue_links`) become links. Widget
 * values are named from the pack's definition (comfyui-widget-names.ts), the new frontend's `widget`
 * marks, or by role.
 */
export function convertWorkflowToGraph(workflow: unknown): ComfyGraph | null {
  if (!isRecord(workflow) || !Array.isArray(workflow.nodes)) return null;
  const links = readLinks(workflow.links);
  const nodes = workflow.nodes.flatMap(toUiNode).filter((node) => node.mode !== MUTED);
  const broadcasts = readBroadcasts(workflow.extra, nodes);
  const setters = new Map<string, ComfyLink>();
  const graph: ComfyGraph = new Map();
  for (const node of nodes) {
    const inputs: Record<string, unknown> = { ...broadcasts.get(node.id) };
    for (const input of node.inputs) {
      const link = typeof input.link === "number" ? links.get(input.link) : undefined;
      if (link && typeof input.name === "string") inputs[input.name] = link;
    }
    const firstLink = Object.entries(inputs)[0];
    if (SET_NODE.test(node.type) && firstLink) setters.set(widgetName(node), firstLink[1] as ComfyLink);
    if (node.mode === BYPASSED) {
      graph.set(node.id, {
        id: node.id,
        classType: "Reroute",
        inputs: firstLink ? { [firstLink[0]]: firstLink[1] } : {},
      });
      continue;
    }
    assignWidgets(node, inputs);
    graph.set(node.id, { id: node.id, classType: node.type, inputs });
  }
  for (const node of nodes) {
    const source = GET_NODE.test(node.type) ? setters.get(widgetName(node)) : undefined;
    if (source) graph.set(node.id, { id: node.id, classType: "Reroute", inputs: { input: source } });
  }
  return graph.size > 0 ? graph : null;
}

function toUiNode(node: unknown): UiNode[] {
  if (!isRecord(node) || typeof node.type !== "string" || node.id === undefined || node.id === null)
    return [];
  const inputs = Array.isArray(node.inputs) ? node.inputs.filter(isRecord) : [];
  return [{ ...node, id: String(node.id), type: node.type, inputs }];
}

function widgetName(node: UiNode): string {
  const values = node.widgets_values;
  return Array.isArray(values) ? String(values[0]) : "";
}

/** Links are [id, fromNode, fromSlot, toNode, toSlot, type] arrays, or objects in the 1.0 schema. */
function readLinks(value: unknown): Map<number, ComfyLink> {
  const links = new Map<number, ComfyLink>();
  if (!Array.isArray(value)) return links;
  for (const link of value) {
    if (
      Array.isArray(link) &&
      typeof link[0] === "number" &&
      link[1] !== undefined &&
      typeof link[2] === "number"
    ) {
      links.set(link[0], [String(link[1]), link[2]]);
    } else if (isRecord(link) && typeof link.id === "number" && typeof link.origin_slot === "number") {
      links.set(link.id, [String(link.origin_id), link.origin_slot]);
    }
  }
  return links;
}

/** cg-use-everywhere: `extra.ue_links` [{ downstream, downstream_slot, upstream, upstream_slot }]. */
function readBroadcasts(extra: unknown, nodes: UiNode[]): Map<string, Record<string, ComfyLink>> {
  const broadcasts = new Map<string, Record<string, ComfyLink>>();
  const entries = isRecord(extra) && Array.isArray(extra.ue_links) ? extra.ue_links.filter(isRecord) : [];
  for (const entry of entries) {
    const target = nodes.find((node) => node.id === String(entry.downstream));
    const name = target?.inputs[Number(entry.downstream_slot)]?.name;
    if (!target || typeof name !== "string" || typeof entry.upstream_slot !== "number") continue;
    const inputs = broadcasts.get(target.id) ?? {};
    inputs[name] = [String(entry.upstream), entry.upstream_slot];
    broadcasts.set(target.id, inputs);
  }
  return broadcasts;
}

function assignWidgets(node: UiNode, inputs: Record<string, unknown>) {
  const values = node.widgets_values;
  if (isRecord(values)) {
    for (const [name, value] of Object.entries(values)) if (!(name in inputs)) inputs[name] = value;
    return;
  }
  if (!Array.isArray(values)) return;
  const names = WIDGET_NAMES[node.type] ?? widgetInputNames(node.inputs, values);
  if (names.length === 0) {
    for (const [name, value] of Object.entries(nameWidgetsByRole(values, node.inputs)))
      if (!(name in inputs)) inputs[name] = value;
    return;
  }
  names.forEach((name, index) => {
    if (name !== "control_after_generate" && !(name in inputs) && index < values.length)
      inputs[name] = values[index];
  });
}

/** New-frontend inputs list widgets in order; a seed widget is followed by its control_after_generate value. */
function widgetInputNames(nodeInputs: Record<string, unknown>[], values: unknown[]): string[] {
  const names: string[] = [];
  for (const input of nodeInputs) {
    if (!isRecord(input.widget) || typeof input.widget.name !== "string") continue;
    names.push(input.widget.name);
    const next = values[names.length];
    if (
      /seed/.test(input.widget.name) &&
      typeof next === "string" &&
      /^(fixed|increment|decrement|randomize)$/.test(next)
    ) {
      names.push("control_after_generate");
    }
  }
  // Old frontends mark only the widgets turned into inputs: too few names to place the values by.
  return names.length >= values.filter((value) => value !== null).length - 1 ? names : [];
}
