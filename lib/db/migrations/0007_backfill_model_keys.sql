-- Existing rows get the keys lib/metadata/model-key.ts computes (folder, A1111 hash suffix, extension and case
-- dropped), so the model and LoRA filters keep finding them before `cli reparse` re-reads their files.
UPDATE "images" SET "model_key" = nullif(lower(trim(regexp_replace(
  regexp_replace(regexp_replace("model", '\s*\[[0-9a-fA-F]{6,64}\]$', ''), '^.*[/\\]', ''),
  '\.(safetensors|ckpt|pt|pth|bin|gguf|sft|onnx|engine)$', '', 'i'))), '')
WHERE "model" IS NOT NULL;--> statement-breakpoint
UPDATE "images" SET "loras" = (
  SELECT jsonb_agg(lora || jsonb_build_object('key', lower(trim(regexp_replace(
    regexp_replace(lora->>'name', '^.*[/\\]', ''),
    '\.(safetensors|ckpt|pt|pth|bin|gguf|sft|onnx|engine)$', '', 'i')))) ORDER BY ordinality)
  FROM jsonb_array_elements("loras") WITH ORDINALITY AS entries(lora, ordinality)
)
WHERE jsonb_typeof("loras") = 'array' AND jsonb_array_length("loras") > 0;
