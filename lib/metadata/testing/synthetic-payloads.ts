/**
 * Test payloads in the shapes each generator documents or writes, for the cases the real samples
 * do not cover: nasty A1111 text, a ComfyUI graph with two samplers, reroutes and a LoRA chain, …
 */

export const A1111_NASTY = [
  'a poster that says "Negative prompt: none", <lora:detail_tweaker:0.6>, 🐱 café ✨',
  '"Negative prompt: still the prompt" <lora:film grain:1.2> <lyco:softLight:0.8:0.5>',
  "Negative prompt: blurry, 低品質",
  "extra negative line",
  "Steps: 28, Sampler: DPM++ 2M SDE, Schedule type: Karras, CFG scale: 6.5, Seed: 18446744073709551615, " +
    "Size: 832x1216, Model hash: 6ce0161689, Model: ponyDiffusionV6XL, VAE: sdxl_vae.safetensors, " +
    "Denoising strength: 0.35, Clip skip: 2, " +
    'ADetailer prompt: "face, Negative prompt: smile, closed eyes", ADetailer confidence: 0.3, ' +
    "Hires upscale: 1.5, Hires steps: 12, Hires upscaler: 4x-UltraSharp, " +
    'Lora hashes: "detail_tweaker: e2b1c4b6, film grain: 1a2b3c4d", TI hashes: "easynegative: c74b4e810b03", ' +
    'Hashes: {"model": "6ce0161689", "lora:softLight": "9f8e7d6c", "embed:easynegative": "c74b4e810b03"}, ' +
    'Civitai resources: [{"type":"checkpoint","modelVersionId":290640,"modelName":"Pony Diffusion V6 XL","modelVersionName":"V6 (start with this one)"}], ' +
    "Version: f2.0.1v1.10.1-previous-313-g8a042934",
].join("\n");

/** API graph: base KSampler -> LatentUpscaleBy -> hires KSampler; three chained LoRAs; reroutes; NaN; a seed past 2^53. */
export const COMFY_TWO_SAMPLERS = `{
 "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "juggernautXL_v9.safetensors"}},
 "10": {"class_type": "LoraLoader", "inputs": {"lora_name": "add-detail-xl.safetensors", "strength_model": 0.8, "strength_clip": 0.8, "model": ["4", 0], "clip": ["4", 1]}},
 "11": {"class_type": "LoraLoader", "inputs": {"lora_name": "film_grain.safetensors", "strength_model": 0.5, "strength_clip": 0.5, "model": ["10", 0], "clip": ["10", 1]}},
 "12": {"class_type": "LoraLoaderModelOnly", "inputs": {"lora_name": "styles/ink.safetensors", "strength_model": 1.1, "model": ["11", 0]}},
 "20": {"class_type": "Reroute", "inputs": {"input": ["12", 0]}},
 "21": {"class_type": "Reroute", "inputs": {"input": ["20", 0]}},
 "13": {"class_type": "CLIPSetLastLayer", "inputs": {"stop_at_clip_layer": -2, "clip": ["11", 1]}},
 "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "a lighthouse at dusk, 🌊 waves", "clip": ["13", 0]}},
 "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "lowres, watermark", "clip": ["13", 0]}},
 "22": {"class_type": "Reroute", "inputs": {"input": ["6", 0]}},
 "5": {"class_type": "EmptyLatentImage", "inputs": {"width": 896, "height": 1152, "batch_size": 1}},
 "3": {"class_type": "KSampler", "inputs": {"seed": 123456789012345678, "steps": 30, "cfg": 7.0, "sampler_name": "dpmpp_2m", "scheduler": "karras", "denoise": 1.0, "model": ["21", 0], "positive": ["22", 0], "negative": ["7", 0], "latent_image": ["5", 0]}},
 "14": {"class_type": "LatentUpscaleBy", "inputs": {"upscale_method": "nearest-exact", "scale_by": 1.5, "samples": ["3", 0]}},
 "15": {"class_type": "KSampler", "inputs": {"seed": 42, "steps": 15, "cfg": 5.5, "sampler_name": "euler", "scheduler": "normal", "denoise": 0.45, "model": ["21", 0], "positive": ["22", 0], "negative": ["7", 0], "latent_image": ["14", 0]}},
 "16": {"class_type": "VAELoader", "inputs": {"vae_name": "sdxl_vae.safetensors"}},
 "8": {"class_type": "VAEDecode", "inputs": {"samples": ["15", 0], "vae": ["16", 0]}},
 "9": {"class_type": "SaveImage", "inputs": {"filename_prefix": "ComfyUI", "images": ["8", 0]}},
 "30": {"class_type": "ImageScaleBy", "inputs": {"upscale_method": "lanczos", "scale_by": NaN, "image": ["8", 0]}}
}`;

/** Flux-style SamplerCustomAdvanced with guider, noise, sampler select and scheduler nodes. */
export const COMFY_CUSTOM_ADVANCED = JSON.stringify({
  "1": { class_type: "UNETLoader", inputs: { unet_name: "flux1-dev.safetensors", weight_dtype: "default" } },
  "2": { class_type: "CLIPTextEncode", inputs: { text: "a red fox in snow", clip: ["9", 0] } },
  "3": { class_type: "FluxGuidance", inputs: { guidance: 3.5, conditioning: ["2", 0] } },
  "4": { class_type: "BasicGuider", inputs: { model: ["1", 0], conditioning: ["3", 0] } },
  "5": { class_type: "RandomNoise", inputs: { noise_seed: 987654321 } },
  "6": { class_type: "KSamplerSelect", inputs: { sampler_name: "euler" } },
  "7": {
    class_type: "BasicScheduler",
    inputs: { scheduler: "simple", steps: 20, denoise: 1, model: ["1", 0] },
  },
  "8": { class_type: "EmptySD3LatentImage", inputs: { width: 1024, height: 768, batch_size: 1 } },
  "9": {
    class_type: "DualCLIPLoader",
    inputs: { clip_name1: "t5xxl_fp16.safetensors", clip_name2: "clip_l.safetensors" },
  },
  "10": {
    class_type: "SamplerCustomAdvanced",
    inputs: {
      noise: ["5", 0],
      guider: ["4", 0],
      sampler: ["6", 0],
      sigmas: ["7", 0],
      latent_image: ["8", 0],
    },
  },
});

/** InvokeAI 2.x `sd-metadata`. */
export const INVOKEAI_LEGACY = JSON.stringify({
  model: "stable diffusion",
  model_id: "stable-diffusion-1.5",
  model_hash: "cc6cb27103417325ff94f52b7a5d2dde45a7515b25c255d8e396c90014281516",
  app_id: "invoke-ai/InvokeAI",
  app_version: "2.3.5",
  model_weights: "stable-diffusion-1.5",
  image: {
    prompt: [{ prompt: "a cozy cabin in the woods [people, text]", weight: 1 }],
    steps: 50,
    cfg_scale: 7.5,
    threshold: 0,
    perlin: 0,
    height: 512,
    width: 768,
    seed: 3357757885,
    seamless: false,
    hires_fix: false,
    type: "txt2img",
    postprocessing: null,
    sampler: "k_lms",
    variations: [],
  },
});

export const INVOKEAI_DREAM =
  '"a fantasy landscape, highly detailed [ugly, blurry]" -s 40 -S 1234567 -W 640 -H 448 -C 8.5 -A k_euler_a';

/** NovelAI V3 (SDXL based) request JSON in `Comment`. */
export const NOVELAI_V3_COMMENT = JSON.stringify({
  prompt: "1girl, {{{masterpiece}}}, [[sketch]], ☕ café",
  steps: 28,
  height: 1216,
  width: 832,
  scale: 5,
  uncond_scale: 1,
  cfg_rescale: 0,
  seed: 2210987654,
  n_samples: 1,
  hide_debug_overlay: false,
  noise_schedule: "native",
  sampler: "k_euler",
  sm: false,
  sm_dyn: false,
  strength: 0.7,
  uc: "lowres, bad anatomy",
  request_type: "Img2ImgRequest",
});

/** Fooocus 2.5 `parameters` JSON (modules/meta_parser.py, FooocusMetadataParser.to_string). */
export const FOOOCUS_PARAMETERS = JSON.stringify({
  adm_guidance: "(1.5, 0.8, 0.3)",
  base_model: "juggernautXL_v8Rundiffusion.safetensors",
  base_model_hash: "aeb7e9e689",
  full_negative_prompt: ["unrealistic, saturated"],
  full_prompt: ["a cat astronaut, cinematic"],
  guidance_scale: 4,
  loras: [["sd_xl_offset_example-lora_1.0.safetensors : 0.1", "4852686128"]],
  lora_combined_1: "sd_xl_offset_example-lora_1.0.safetensors : 0.1",
  negative_prompt: "",
  performance: "Speed",
  prompt: "a cat astronaut",
  refiner_model: "None",
  refiner_switch: 0.5,
  resolution: "(1152, 896)",
  sampler: "dpmpp_2m_sde_gpu",
  scheduler: "karras",
  seed: "8187394571739284614",
  sharpness: 2,
  steps: 30,
  styles: "['Fooocus V2', 'Fooocus Enhance', 'Fooocus Sharp']",
  vae: "Default (model)",
  version: "Fooocus v2.5.5",
});

/** Easy Diffusion PNG: one text chunk per setting. */
export const EASYDIFFUSION_ENTRIES: [string, string][] = [
  ["prompt", "a watercolor fox"],
  ["negative_prompt", "photo"],
  ["seed", "3456789"],
  ["use_stable_diffusion_model", "sd-v1-5.safetensors"],
  ["sampler_name", "euler_a"],
  ["width", "512"],
  ["height", "640"],
  ["num_inference_steps", "25"],
  ["guidance_scale", "7.5"],
  ["use_vae_model", "vae-ft-mse-840000"],
  ["use_lora_model", "watercolor_v1"],
  ["lora_alpha", "0.7"],
  ["clip_skip", "False"],
];

/** Draw Things XMP packet (CreatorTool + JSON settings in exif:UserComment). */
export const DRAW_THINGS_XMP = `<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="XMP Core 6.0.0">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <xmp:CreatorTool>Draw Things</xmp:CreatorTool>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">a koi pond &amp; lanterns</rdf:li></rdf:Alt></dc:description>
   <exif:UserComment><rdf:Alt><rdf:li xml:lang="x-default">{&quot;c&quot;:&quot;a koi pond &amp; lanterns&quot;,&quot;uc&quot;:&quot;text&quot;,&quot;seed&quot;:2718281828,&quot;steps&quot;:8,&quot;scale&quot;:5,&quot;sampler&quot;:&quot;DPM++ 2M Trailing&quot;,&quot;model&quot;:&quot;sd_xl_base_1.0_f16.ckpt&quot;,&quot;size&quot;:&quot;1024x1024&quot;,&quot;strength&quot;:1,&quot;seed_mode&quot;:&quot;Scale Alike&quot;,&quot;lora&quot;:[{&quot;file&quot;:&quot;dmd2_sdxl_4step_lora_f16.ckpt&quot;,&quot;weight&quot;:1}]}</rdf:li></rdf:Alt></exif:UserComment>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>`;
