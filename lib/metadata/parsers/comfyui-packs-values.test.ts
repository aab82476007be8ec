import { describe, expect, it } from "vitest";
import { type ApiGraph, link, node, pick, readGraph, saved } from "../testing/comfy-graph-builder";
import type { GenerationMetadata } from "../types";

/**
 * Packs whose nodes carry values to the sampler: primitives, switches, text builders, contexts, LoRA
 * stacks. Graphs use the packs' own input names and output slots.
 */
type Case = [name: string, graph: ApiGraph, expected: Partial<GenerationMetadata>];

const runTable = (cases: Case[]) =>
  it.each(cases)("%s", (_name, graph, expected) => {
    expect(pick(readGraph(graph), expected)).toEqual(expected);
  });

const ckpt = node("CheckpointLoaderSimple", { ckpt_name: "base.safetensors" });
const encode = (text: unknown, clip: [string, number] = link("ckpt", 1)) =>
  node("CLIPTextEncode", { text, clip });
const ksampler = (inputs: Record<string, unknown>) =>
  node("KSampler", {
    seed: 1,
    steps: 20,
    cfg: 7,
    sampler_name: "euler",
    scheduler: "normal",
    denoise: 1,
    model: link("ckpt", 0),
    positive: link("pos"),
    negative: link("neg"),
    latent_image: link("latent"),
    ...inputs,
  });

describe("rgthree-comfy", () => {
  runTable([
    [
      "Power Lora Loader entries (one switched off), Power Prompt, Seed, two chained Contexts and an Any Switch",
      {
        ckpt,
        loras: node("Power Lora Loader (rgthree)", {
          PowerLoraLoaderHeaderWidget: { type: "PowerLoraLoaderHeaderWidget" },
          lora_1: { on: true, lora: "a.safetensors", strength: 0.7 },
          lora_2: { on: false, lora: "b.safetensors", strength: 1 },
          lora_3: { on: true, lora: "c.safetensors", strength: 0.3 },
          "➕ Add Lora": "",
          model: link("ckpt", 0),
          clip: link("ckpt", 1),
        }),
        prompt: node("Power Prompt (rgthree)", {
          prompt: "a misty valley",
          opt_clip: link("loras", 1),
          insert_lora: "CHOOSE",
          insert_embedding: "CHOOSE",
          insert_saved: "CHOOSE",
        }),
        negative: node("Power Prompt - Simple (rgthree)", { prompt: "haze", opt_clip: link("loras", 1) }),
        seed: node("Seed (rgthree)", { seed: 12345 }),
        latent: node("SDXL Empty Latent Image (rgthree)", {
          dimensions: "832 x 1216  (portrait)",
          clip_scale: 2,
          batch_size: 1,
        }),
        ctx1: node("Context (rgthree)", {
          model: link("loras", 0),
          clip: link("loras", 1),
          vae: link("ckpt", 2),
          positive: link("prompt", 0),
          negative: link("negative", 0),
          latent: link("latent", 0),
          seed: link("seed", 0),
        }),
        ctx2: node("Context (rgthree)", { base_ctx: link("ctx1", 0) }),
        modelSwitch: node("Any Switch (rgthree)", { any_01: link("ctx2", 1), any_02: link("ckpt", 0) }),
        sampler: ksampler({
          seed: link("ctx2", 8),
          model: link("modelSwitch"),
          positive: link("ctx2", 4),
          negative: link("ctx2", 5),
          latent_image: link("ctx2", 6),
        }),
        ...saved("sampler", link("ckpt", 2)),
      },
      {
        prompt: "a misty valley",
        negativePrompt: "haze",
        seed: "12345",
        model: "base.safetensors",
        width: 832,
        height: 1216,
        loras: [
          { name: "a.safetensors", weight: 0.7 },
          { name: "c.safetensors", weight: 0.3 },
        ],
      },
    ],
  ]);
});

describe("Comfyroll Studio", () => {
  runTable([
    [
      "CR Text Input Switch, CR Seed, a CR LoRA Stack with switches, CR Model Input Switch, CR SDXL Aspect Ratio preset",
      {
        ckpt,
        seed: node("CR Seed", { seed: 55 }),
        brass: node("CR Prompt Text", { prompt: "a brass robot" }),
        chrome: node("CR Prompt Text", { prompt: "a chrome robot" }),
        choice: node("CR Text Input Switch", { Input: 2, text1: link("brass"), text2: link("chrome") }),
        pos: encode(link("choice")),
        neg: encode("rust"),
        stack: node("CR LoRA Stack", {
          switch_1: "On",
          lora_name_1: "metal.safetensors",
          model_weight_1: 0.6,
          clip_weight_1: 0.6,
          switch_2: "Off",
          lora_name_2: "wood.safetensors",
          model_weight_2: 1,
          clip_weight_2: 1,
          switch_3: "On",
          lora_name_3: "None",
          model_weight_3: 1,
          clip_weight_3: 1,
        }),
        apply: node("CR Apply LoRA Stack", {
          model: link("ckpt", 0),
          clip: link("ckpt", 1),
          lora_stack: link("stack"),
        }),
        modelChoice: node("CR Model Input Switch", {
          Input: 1,
          model1: link("apply", 0),
          model2: link("ckpt", 0),
        }),
        aspect: node("CR SDXL Aspect Ratio", {
          width: 1024,
          height: 1024,
          aspect_ratio: "3:4 portrait 896x1152",
          swap_dimensions: "Off",
          upscale_factor: 1,
          batch_size: 1,
        }),
        sampler: ksampler({
          seed: link("seed"),
          model: link("modelChoice"),
          latent_image: link("aspect", 4),
        }),
        ...saved("sampler", link("ckpt", 2)),
      },
      {
        prompt: "a chrome robot",
        negativePrompt: "rust",
        seed: "55",
        width: 896,
        height: 1152,
        loras: [{ name: "metal.safetensors", weight: 0.6 }],
      },
    ],
  ]);
});

describe("WAS Node Suite", () => {
  runTable([
    [
      "Text Multiline pieces, Text Concatenate (clean whitespace), Text Find and Replace, Text to Conditioning, KSampler (WAS)",
      {
        ckpt,
        subject: node("Text Multiline", { text: "  a stone bridge  " }),
        time: node("Text Multiline", { text: "at dawn" }),
        joined: node("Text Concatenate", {
          delimiter: ", ",
          clean_whitespace: "true",
          text_a: link("subject"),
          text_b: link("time"),
        }),
        replaced: node("Text Find and Replace", { text: link("joined"), find: "dawn", replace: "dusk" }),
        pos: node("Text to Conditioning", { clip: link("ckpt", 1), text: link("replaced") }),
        negText: node("Text String", { text: "fog", text_b: "", text_c: "", text_d: "" }),
        neg: node("Text to Conditioning", { clip: link("ckpt", 1), text: link("negText", 0) }),
        seed: node("Seed", { seed: 909 }),
        latent: node("EmptyLatentImage", { width: 768, height: 768, batch_size: 1 }),
        sampler: node("KSampler (WAS)", {
          model: link("ckpt", 0),
          seed: link("seed"),
          steps: 20,
          cfg: 7,
          sampler_name: "euler",
          scheduler: "normal",
          positive: link("pos"),
          negative: link("neg"),
          latent_image: link("latent"),
          denoise: 1,
        }),
        ...saved("sampler", link("ckpt", 2)),
      },
      { prompt: "a stone bridge, at dusk", negativePrompt: "fog", seed: "909", width: 768 },
    ],
  ]);
});

describe("ComfyUI-KJNodes", () => {
  runTable([
    [
      "INTConstant / FloatConstant feed steps and CFG, StringConstantMultiline prompts, ConditioningMultiCombine, an inverted size preset",
      {
        ckpt,
        koi: node("StringConstantMultiline", { string: "a koi pond", strip_newlines: true }),
        lotus: node("StringConstantMultiline", { string: "lotus flowers", strip_newlines: true }),
        posA: encode(link("koi")),
        posB: encode(link("lotus")),
        pos: node("ConditioningMultiCombine", {
          inputcount: 2,
          operation: "combine",
          conditioning_1: link("posA"),
          conditioning_2: link("posB"),
        }),
        neg: encode(""),
        steps: node("INTConstant", { value: 21 }),
        cfg: node("FloatConstant", { value: 4.5 }),
        latent: node("EmptyLatentImagePresets", {
          dimensions: "1216 x 832 (1.46:1)",
          invert: true,
          batch_size: 1,
        }),
        sampler: ksampler({ steps: link("steps"), cfg: link("cfg") }),
        ...saved("sampler", link("ckpt", 2)),
      },
      {
        prompt: "a koi pond\nlotus flowers",
        negativePrompt: "",
        steps: 21,
        cfgScale: 4.5,
        width: 832,
        height: 1216,
      },
    ],
  ]);
});

describe("ComfyUI-Crystools", () => {
  runTable([
    [
      "List of strings skips empty parts, Switch any / Switch string follow a Primitive boolean, Primitive integer seed",
      {
        ckpt,
        place: node("Primitive string multiline [Crystools]", { string: "a desert" }),
        blank: node("Primitive string multiline [Crystools]", { string: "" }),
        light: node("Primitive string [Crystools]", { string: "golden hour" }),
        list: node("List of strings [Crystools]", {
          string_1: link("place"),
          string_2: link("blank"),
          string_3: link("light"),
          delimiter: ", ",
        }),
        flag: node("Primitive boolean [Crystools]", { boolean: false }),
        text: node("Switch string [Crystools]", {
          on_true: "unused",
          on_false: link("list"),
          boolean: link("flag"),
        }),
        pos: encode(link("text")),
        neg: encode("sandstorm"),
        big: node("EmptyLatentImage", { width: 1024, height: 1024, batch_size: 1 }),
        small: node("EmptyLatentImage", { width: 640, height: 640, batch_size: 1 }),
        latent: node("Switch any [Crystools]", {
          on_true: link("big"),
          on_false: link("small"),
          boolean: link("flag"),
        }),
        seed: node("Primitive integer [Crystools]", { int: 33 }),
        sampler: ksampler({ seed: link("seed") }),
        ...saved("sampler", link("ckpt", 2)),
      },
      { prompt: "a desert, golden hour", negativePrompt: "sandstorm", seed: "33", width: 640, height: 640 },
    ],
  ]);
});

describe("ComfyUI core subgraphs and primitives", () => {
  runTable([
    [
      "a subgraph instance's inner nodes (ids `12:n`) fed by primitives outside it",
      {
        text: node("PrimitiveStringMultiline", { value: "a paper boat" }),
        seed: node("PrimitiveInt", { value: 4096 }),
        "12:1": node("UNETLoader", { unet_name: "flux1-schnell.safetensors", weight_dtype: "default" }),
        "12:2": node("CLIPLoader", { clip_name: "t5xxl.safetensors", type: "flux" }),
        "12:3": node("CLIPTextEncode", { text: link("text"), clip: link("12:2") }),
        "12:4": node("EmptySD3LatentImage", { width: 1024, height: 576, batch_size: 1 }),
        "12:5": node("KSampler", {
          seed: link("seed"),
          steps: 4,
          cfg: 1,
          sampler_name: "euler",
          scheduler: "simple",
          denoise: 1,
          model: link("12:1"),
          positive: link("12:3"),
          negative: link("12:6"),
          latent_image: link("12:4"),
        }),
        "12:6": node("ConditioningZeroOut", { conditioning: link("12:3") }),
        ...saved("12:5", link("12:1")),
      },
      {
        prompt: "a paper boat",
        negativePrompt: null,
        seed: "4096",
        steps: 4,
        model: "flux1-schnell.safetensors",
        width: 1024,
        height: 576,
      },
    ],
  ]);
});
