/**
 * Names for the widget values of a UI-graph node whose definition we do not know, read from what the
 * values are: a sampler's `steps, cfg, sampler_name, scheduler[, denoise]` run and its seed (the integer
 * before a `control_after_generate` word), a loader's model file, an encoder's text, a value node's value.
 */
const SAMPLER_NAME =
  /^(euler(_ancestral)?(_cfg_pp)?|heun(pp2)?|dpm_2(_ancestral)?|lms|dpm_fast|dpm_adaptive|dpmpp_[a-z0-9_]+|ddpm|lcm|ipndm(_v)?|deis|res_multistep[a-z_]*|gradient_estimation[a-z_]*|er_sde|seeds_[23]|sa_solver[a-z_]*|ddim|uni_pc(_bh2)?)$/;
const CONTROL = /^(fixed|increment|decrement|randomize)$/;
const MODEL_FILE = /\.(safetensors|ckpt|pt|pth|bin|gguf|sft)$/i;
/** Checkpoints; `.pth` / `.pt` / `.bin` are mostly upscalers and detectors. */
const CHECKPOINT_FILE = /\.(safetensors|ckpt|gguf|sft)$/i;
/** A loader takes nothing in; a node fed a pipe or an image that names a file loads a helper model. */
const FED = /^(pipe|image|images|samples|latent|pixels)$/i;

export function nameWidgetsByRole(
  values: unknown[],
  nodeInputs: Record<string, unknown>[],
): Record<string, unknown> {
  const sampler = nameSamplerWidgets(values);
  if (sampler) return sampler;
  const inputNames = new Set(nodeInputs.map((input) => input.name));
  const fileIndex = values.findIndex((value) => typeof value === "string" && MODEL_FILE.test(value));
  if (fileIndex === 0 && inputNames.has("model")) {
    const strength = values[1];
    return { lora_name: values[0], ...(typeof strength === "number" ? { strength_model: strength } : {}) };
  }
  const isFed = [...inputNames].some((name) => FED.test(String(name)));
  if (fileIndex === 0 && !isFed && CHECKPOINT_FILE.test(String(values[0]))) return { ckpt_name: values[0] };
  if (inputNames.has("clip")) {
    const text = values.find((value) => typeof value === "string" && !MODEL_FILE.test(value));
    if (text !== undefined) return { text };
  }
  const meaningful = values.filter(
    (value) => value !== null && !(typeof value === "string" && CONTROL.test(value)),
  );
  return meaningful.length === 1 ? { value: meaningful[0] } : {};
}

function nameSamplerWidgets(values: unknown[]): Record<string, unknown> | null {
  const index = values.findIndex((value) => typeof value === "string" && SAMPLER_NAME.test(value));
  const cfg = values[index - 1];
  const steps = values[index - 2];
  if (index < 2 || typeof cfg !== "number" || !Number.isInteger(steps) || (steps as number) < 1) return null;
  const named: Record<string, unknown> = { steps, cfg, sampler_name: values[index] };
  if (typeof values[index + 1] === "string") named.scheduler = values[index + 1];
  const denoise = values[index + 2];
  if (typeof denoise === "number" && denoise >= 0 && denoise <= 1) named.denoise = denoise;
  const seedIndex = values.findIndex(
    (value, at) => Number.isInteger(value) && (value as number) >= 0 && CONTROL.test(String(values[at + 1])),
  );
  // Efficiency-style samplers serialise the seed's control as null, right before steps.
  const beforeSteps = index - 4;
  if (seedIndex >= 0) named.seed = values[seedIndex];
  else if (Number.isInteger(values[beforeSteps]) && values[beforeSteps + 1] === null)
    named.seed = values[beforeSteps];
  return named;
}
