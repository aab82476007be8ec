import { describe, expect, it } from "vitest";
import { type ApiGraph, link, node, pick, readGraph, saved } from "../testing/comfy-graph-builder";
import type { GenerationMetadata } from "../types";

/** Pipe-based packs, from their node definitions: the sampler's settings and the loader behind its pipe. */
type Case = [name: string, graph: ApiGraph, expected: Partial<GenerationMetadata>];

const runTable = (cases: Case[]) =>
  it.each(cases)("%s", (_name, graph, expected) => {
    expect(pick(readGraph(graph), expected)).toEqual(expected);
  });

// ComfyUI-Easy-Use (py/nodes/loaders.py fullLoader / loraStack, samplers.py preSampling / kSampler,
// prompt.py positive / negative).
const easyLoader = (inputs: Record<string, unknown>) =>
  node("easy fullLoader", {
    ckpt_name: "juggernaut_reborn.safetensors",
    config_name: "Default",
    vae_name: "Baked VAE",
    clip_skip: -2,
    lora_name: "None",
    lora_model_strength: 1,
    lora_clip_strength: 1,
    resolution: "832 x 1216",
    empty_latent_width: 512,
    empty_latent_height: 512,
    positive: "a cozy cabin in the woods",
    positive_token_normalization: "none",
    positive_weight_interpretation: "comfy",
    negative: "people",
    negative_token_normalization: "none",
    negative_weight_interpretation: "comfy",
    batch_size: 1,
    ...inputs,
  });
const easySampling = (pipe: string): ApiGraph => ({
  pre: node("easy preSampling", {
    pipe: link(pipe),
    steps: 22,
    cfg: 4.5,
    sampler_name: "dpmpp_2m_sde",
    scheduler: "karras",
    denoise: 1,
    seed: 8675309,
  }),
  run: node("easy kSampler", { pipe: link("pre"), image_output: "Save", link_id: 0, save_prefix: "ComfyUI" }),
});

describe("ComfyUI-Easy-Use", () => {
  runTable([
    [
      "fullLoader holds prompts and a resolution preset; preSampling is the sampler, reached through the pipe",
      { loader: easyLoader({}), ...easySampling("loader") },
      {
        prompt: "a cozy cabin in the woods",
        negativePrompt: "people",
        seed: "8675309",
        steps: 22,
        cfgScale: 4.5,
        sampler: "dpmpp_2m_sde",
        model: "juggernaut_reborn.safetensors",
        width: 832,
        height: 1216,
        clipSkip: 2,
      },
    ],
    [
      "loraStack in advanced mode: only num_loras entries, model strengths; prompts from easy positive / negative",
      {
        stack: node("easy loraStack", {
          toggle: true,
          mode: "advanced",
          num_loras: 2,
          lora_1_name: "film.safetensors",
          lora_1_strength: 1,
          lora_1_model_strength: 0.7,
          lora_1_clip_strength: 0.7,
          lora_2_name: "grain.safetensors",
          lora_2_strength: 1,
          lora_2_model_strength: 0.35,
          lora_2_clip_strength: 0.35,
          lora_3_name: "not-counted.safetensors",
          lora_3_strength: 1,
          lora_3_model_strength: 1,
          lora_3_clip_strength: 1,
        }),
        positive: node("easy positive", { positive: "autumn forest, fog" }),
        negative: node("easy negative", { negative: "" }),
        loader: easyLoader({
          resolution: "width x height (custom)",
          empty_latent_width: 640,
          empty_latent_height: 960,
          positive: link("positive"),
          negative: link("negative"),
          optional_lora_stack: link("stack"),
        }),
        ...easySampling("loader"),
      },
      {
        prompt: "autumn forest, fog",
        negativePrompt: "",
        width: 640,
        height: 960,
        loras: [
          { name: "film.safetensors", weight: 0.7 },
          { name: "grain.safetensors", weight: 0.35 },
        ],
      },
    ],
  ]);
});

// tinyterraNodes (ttNpy/tinyterraNodes.py ttN_pipeLoader_v2, ttN_pipeKSampler_v2, ttN_concat).
describe("tinyterraNodes", () => {
  runTable([
    [
      "pipeLoader_v2 holds prompts, aspect preset and LoRA tags; pipeKSampler_v2's own seed wins over the pipe's",
      {
        pre: node("ttN text", { text: "masterpiece" }),
        subject: node("ttN text", { text: "a lighthouse" }),
        joined: node("ttN concat", {
          text1: link("pre"),
          text2: link("subject"),
          text3: "",
          delimiter: ", ",
        }),
        loader: node("ttN pipeLoader_v2", {
          ckpt_name: "epicrealism_pureEvolutionV5.safetensors",
          config_name: "Default",
          vae_name: "Baked VAE",
          clip_skip: -1,
          loras: "<lora:add_detail:0.6>",
          positive: link("joined"),
          positive_token_normalization: "none",
          positive_weight_interpretation: "comfy++",
          negative: "text, watermark",
          negative_token_normalization: "none",
          negative_weight_interpretation: "comfy++",
          empty_latent_aspect: "768 x 512 [L] 3:2",
          empty_latent_width: 512,
          empty_latent_height: 512,
          seed: 1,
        }),
        sampler: node("ttN pipeKSampler_v2", {
          pipe: link("loader"),
          lora_name: "None",
          lora_model_strength: 1,
          lora_clip_strength: 1,
          upscale_method: "None",
          upscale_model_name: "4x-UltraSharp.pth",
          factor: 2,
          rescale: "by percentage",
          percent: 50,
          width: 1024,
          height: 1024,
          longer_side: 1024,
          crop: "disabled",
          sampler_state: "Sample",
          steps: 20,
          cfg: 8,
          sampler_name: "dpmpp_2m",
          scheduler: "karras",
          denoise: 1,
          image_output: "Save",
          save_prefix: "ComfyUI",
          seed: 112167883434497,
        }),
      },
      {
        prompt: "masterpiece, a lighthouse",
        negativePrompt: "text, watermark",
        seed: "112167883434497",
        steps: 20,
        cfgScale: 8,
        model: "epicrealism_pureEvolutionV5.safetensors",
        width: 768,
        height: 512,
        loras: [{ name: "add_detail", weight: 0.6 }],
      },
    ],
  ]);
});

// ComfyUI-Impact-Pack (ToBasicPipe, ImpactKSamplerBasicPipe, ImpactSwitch, ImpactWildcardEncode, FaceDetailer)
// and ComfyUI-Inspire-Pack (KSampler //Inspire, LoraLoaderBlockWeight //Inspire).
const impactBase: ApiGraph = {
  ckpt: node("CheckpointLoaderSimple", { ckpt_name: "realvis_xl_v4.safetensors" }),
  wildcard: node("ImpactWildcardEncode", {
    model: link("ckpt", 0),
    clip: link("ckpt", 1),
    wildcard_text: "a __animal__ in a hat <lora:hats:0.8>",
    populated_text: "a fox in a hat <lora:hats:0.8>",
    mode: false,
    "Select to add LoRA": "Select the LoRA to add to the text",
    "Select to add Wildcard": "Select the Wildcard to add to the text",
    seed: 5,
  }),
  negA: node("CLIPTextEncode", { text: "ugly", clip: link("ckpt", 1) }),
  negB: node("CLIPTextEncode", { text: "blurry, lowres", clip: link("ckpt", 1) }),
  negSwitch: node("ImpactSwitch", { select: 2, sel_mode: false, input1: link("negA"), input2: link("negB") }),
  latent: node("EmptyLatentImage", { width: 1024, height: 1024, batch_size: 1 }),
};

describe("Impact and Inspire packs", () => {
  runTable([
    [
      "KSampler (pipe) reads model and prompts through ToBasicPipe; the wildcard encoder's populated text and LoRA",
      {
        ...impactBase,
        pipe: node("ToBasicPipe", {
          model: link("wildcard", 0),
          clip: link("wildcard", 1),
          vae: link("ckpt", 2),
          positive: link("wildcard", 2),
          negative: link("negSwitch"),
        }),
        sampler: node("ImpactKSamplerBasicPipe", {
          basic_pipe: link("pipe"),
          seed: 2024,
          steps: 25,
          cfg: 5,
          sampler_name: "euler_ancestral",
          scheduler: "normal",
          denoise: 1,
          latent_image: link("latent"),
        }),
        decode: node("VAEDecode", { samples: link("sampler", 1), vae: link("ckpt", 2) }),
        detailer: node("FaceDetailer", {
          image: link("decode"),
          model: link("ckpt", 0),
          clip: link("ckpt", 1),
          vae: link("ckpt", 2),
          positive: link("negA"),
          negative: link("negA"),
          seed: 11,
          steps: 8,
          cfg: 3,
          sampler_name: "euler",
          scheduler: "simple",
          denoise: 0.3,
        }),
        save: node("SaveImage", { filename_prefix: "impact", images: link("detailer") }),
      },
      {
        prompt: "a fox in a hat <lora:hats:0.8>",
        negativePrompt: "blurry, lowres",
        seed: "2024",
        steps: 25,
        sampler: "euler_ancestral",
        model: "realvis_xl_v4.safetensors",
        loras: [{ name: "hats", weight: 0.8 }],
      },
    ],
    [
      "KSampler //Inspire with a block-weight LoRA loader on the model path",
      {
        ...impactBase,
        lora: node("LoraLoaderBlockWeight //Inspire", {
          model: link("ckpt", 0),
          clip: link("ckpt", 1),
          category_filter: "All",
          lora_name: "style.safetensors",
          strength_model: 0.65,
          strength_clip: 1,
          inverse: false,
          seed: 0,
          A: 4,
          B: 1,
          preset: "Preset",
          block_vector: "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1",
        }),
        pos: node("CLIPTextEncode", { text: "a quiet harbour", clip: link("lora", 1) }),
        sampler: node("KSampler //Inspire", {
          model: link("lora", 0),
          seed: 66,
          steps: 18,
          cfg: 6,
          sampler_name: "dpmpp_2m",
          scheduler: "karras",
          positive: link("pos"),
          negative: link("negSwitch"),
          latent_image: link("latent"),
          denoise: 1,
          noise_mode: "GPU(=A1111)",
          batch_seed_mode: "incremental",
          variation_seed: 0,
          variation_strength: 0,
        }),
        ...saved("sampler", link("ckpt", 2)),
      },
      {
        prompt: "a quiet harbour",
        negativePrompt: "blurry, lowres",
        seed: "66",
        model: "realvis_xl_v4.safetensors",
        width: 1024,
        loras: [{ name: "style.safetensors", weight: 0.65 }],
      },
    ],
  ]);
});

// ComfyUI-WanVideoWrapper (kijai, nodes.py): WanVideoSampler names a scheduler, no sampler; its text
// encoder holds both prompts; the model loader names its file under `model`.
describe("ComfyUI-WanVideoWrapper", () => {
  runTable([
    [
      "WanVideoSampler with text_embeds from WanVideoTextEncode and image_embeds from WanVideoEmptyEmbeds",
      {
        model: node("WanVideoModelLoader", {
          model: "wan2.1_t2v_14B_fp8_e4m3fn.safetensors",
          base_precision: "bf16",
          quantization: "fp8_e4m3fn",
          load_device: "offload_device",
        }),
        t5: node("LoadWanVideoT5TextEncoder", {
          model_name: "umt5-xxl-enc-bf16.safetensors",
          precision: "bf16",
        }),
        text: node("WanVideoTextEncode", {
          positive_prompt: "a paper crane unfolding",
          negative_prompt: "static, blurry",
          t5: link("t5"),
          force_offload: true,
        }),
        embeds: node("WanVideoEmptyEmbeds", { width: 832, height: 480, num_frames: 81 }),
        sampler: node("WanVideoSampler", {
          model: link("model"),
          text_embeds: link("text"),
          image_embeds: link("embeds"),
          steps: 30,
          cfg: 6,
          shift: 5,
          seed: 2025,
          force_offload: true,
          scheduler: "unipc",
          riflex_freq_index: 0,
        }),
        decode: node("WanVideoDecode", {
          vae: link("model"),
          samples: link("sampler"),
          enable_vae_tiling: false,
        }),
      },
      {
        prompt: "a paper crane unfolding",
        negativePrompt: "static, blurry",
        seed: "2025",
        steps: 30,
        cfgScale: 6,
        sampler: null,
        scheduler: "unipc",
        model: "wan2.1_t2v_14B_fp8_e4m3fn.safetensors",
        width: 832,
        height: 480,
      },
    ],
  ]);
});
