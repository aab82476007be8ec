/**
 * One identity for a model or LoRA file however a writer names it: `sdxl/waiIllustrious_v160.safetensors`,
 * `waiIllustrious_v160.safetensors [a5f58eb1c3]` and `WAIIllustrious_v160` are one model to a user.
 * Folder, extension, A1111's hash suffix and case are dropped; the verbatim name is stored beside it.
 */
const MODEL_EXTENSION = /\.(safetensors|ckpt|pt|pth|bin|gguf|sft|onnx|engine)$/i;
const HASH_SUFFIX = /\s*\[[0-9a-f]{6,64}\]$/i;

export function modelKey(name: string | null | undefined): string | null {
  if (!name) return null;
  const base = name.trim().replace(HASH_SUFFIX, "").split(/[/\\]/).pop() ?? "";
  const key = base.replace(MODEL_EXTENSION, "").trim().toLowerCase();
  return key === "" ? null : key;
}

/** Writers spell the same k-diffusion sampler differently: A1111 "DPM++ 2M Karras", ComfyUI "dpmpp_2m". */
const SAMPLER_ALIASES: Record<string, string> = {
  euler_a: "euler_ancestral",
  dpm2: "dpm_2",
  dpm2_a: "dpm_2_ancestral",
  dpmpp_2s_a: "dpmpp_2s_ancestral",
  k_euler: "euler",
  k_euler_ancestral: "euler_ancestral",
  k_dpmpp_2m: "dpmpp_2m",
};
/** A scheduler folded into the sampler name (A1111 "… Karras", comfy-image-saver "euler_karras"). */
const SCHEDULER_SUFFIX =
  /_(karras|exponential|sgm_uniform|align_your_steps|beta|simple|normal|ddim_uniform)$/;

/** The sampler without its scheduler, lower snake case, A1111 names mapped to ComfyUI's. */
export function samplerKey(name: string | null | undefined): string | null {
  if (!name) return null;
  const snake = name
    .trim()
    .toLowerCase()
    .replace(/\+\+/g, "pp")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
  const bare = snake.replace(SCHEDULER_SUFFIX, "");
  const key = SAMPLER_ALIASES[bare] ?? bare;
  return key === "" ? null : key;
}
