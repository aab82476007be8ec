"""The node's reading of the executed graph, by roles: real graphs from lib/metadata/fixtures (held to the fields
traced by hand in samples-expected.ts, the same table the app's reader is held to) and graphs built from the
Efficiency nodes' own input definitions (efficiency_nodes.py: Efficient Loader, LoRA Stacker, KSampler
(Efficient), Eff. Loader SDXL, KSampler SDXL (Eff.))."""

from __future__ import annotations

import json
import os
import re
import unittest

from PIL import Image

from comfyui.graph_fields import read_generation_fields
from tests.support import FIXTURES


def expected_samples():
    """samples-expected.ts holds one JSON object per line: `"<file>": {…},`."""
    with open(os.path.join(FIXTURES, "samples-expected.ts"), encoding="utf-8") as handle:
        for line in handle:
            match = re.match(r'^\s*"([^"]+)": (\{.*\}),$', line)
            if match:
                yield match.group(1), json.loads(match.group(2))


def saving_node(graph):
    """Where a Save to Lightbox node would sit: the graph's one save node, else its one preview node."""
    for word in ("save", "preview"):
        found = [node_id for node_id, node in graph.items() if word in node["class_type"].lower()]
        if found:
            return found[0] if len(found) == 1 else None
    return None


def cut(text):
    return None if text is None else text[:80]


class FixtureGraphsTest(unittest.TestCase):
    def test_every_real_comfyui_graph_reads_as_traced_by_hand(self):
        checked = 0
        for name, expected in expected_samples():
            path = os.path.join(FIXTURES, "samples", name)
            info = {}
            if os.path.exists(path):
                with Image.open(path) as image:
                    info = image.info
            if "prompt" not in info:
                continue
            graph = json.loads(info["prompt"])
            workflow = json.loads(info["workflow"]) if "workflow" in info else None
            fields = read_generation_fields(graph, saving_node(graph), workflow)
            with self.subTest(sample=name):
                self.assertEqual(
                    {
                        "prompt": cut(fields.get("prompt")),
                        "negativePrompt": cut(fields.get("negative_prompt")),
                        "seed": fields.get("seed"),
                        "steps": fields.get("steps"),
                        "sampler": fields.get("sampler"),
                        "cfgScale": fields.get("cfg_scale"),
                        "model": fields.get("model"),
                    },
                    {key: expected[key] for key in ("prompt", "negativePrompt", "seed", "steps", "sampler", "cfgScale", "model")},
                )
            checked += 1
        self.assertGreaterEqual(checked, 16)

    def test_each_save_node_gets_the_pass_that_made_its_image(self):
        with Image.open(os.path.join(FIXTURES, "samples", "comfyui-comfyroll.png")) as image:
            graph = json.loads(image.info["prompt"])
        passes = {node_id: read_generation_fields(graph, node_id) for node_id in ("85", "98", "118", "128")}
        self.assertEqual({node_id: fields["params"]["sampler_node"]["id"] for node_id, fields in passes.items()},
                         {"85": "3", "98": "96", "118": "115", "128": "126"})
        # 118 shows the hires pass: its own seed and denoise, the latent upscale, the base size.
        self.assertEqual(passes["118"]["seed"], "273964256726222")
        self.assertEqual(passes["118"]["params"]["hires"]["upscale"], 1.5000000000000002)
        self.assertEqual((passes["118"]["params"]["width"], passes["118"]["params"]["height"]), (1024, 1024))
        # Only sampler 96's encoders see CLIPSetLastLayer(-2); 3 and 126 encode with the checkpoint's clip.
        self.assertEqual([passes[node].get("params", {}).get("clip_skip") for node in ("85", "98", "128")], [None, 2, None])


def efficiency_graph(**loader):
    """A txt2img graph as ComfyUI hands it to a save node, built from Efficiency's INPUT_TYPES."""
    return {
        "1": {"class_type": "LoRA Stacker", "inputs": {
            "input_mode": "simple", "lora_count": 2,
            "lora_name_1": "add_detail.safetensors", "lora_wt_1": 0.6, "model_str_1": 9.0, "clip_str_1": 9.0,
            "lora_name_2": "None", "lora_wt_2": 1.0, "model_str_2": 1.0, "clip_str_2": 1.0,
            "lora_name_3": "beyond_count.safetensors", "lora_wt_3": 1.0, "model_str_3": 1.0, "clip_str_3": 1.0,
            "lora_stack": ["2", 0]}},
        "2": {"class_type": "LoRA Stacker", "inputs": {
            "input_mode": "advanced", "lora_count": 1,
            "lora_name_1": "film_grain.safetensors", "lora_wt_1": 5.0, "model_str_1": 0.35, "clip_str_1": 0.5}},
        "3": {"class_type": "Efficient Loader", "inputs": {
            "ckpt_name": "dreamshaper_8.safetensors", "vae_name": "Baked VAE", "clip_skip": -2,
            "lora_name": "lcm.safetensors", "lora_model_strength": 0.8, "lora_clip_strength": 1.0,
            "positive": "a lighthouse at dusk, volumetric light", "negative": "blurry, lowres",
            "token_normalization": "none", "weight_interpretation": "comfy",
            "empty_latent_width": 768, "empty_latent_height": 512, "batch_size": 1,
            "lora_stack": ["1", 0], **loader}},
        "4": {"class_type": "Seed (rgthree)", "inputs": {"seed": 8675309}},
        "5": {"class_type": "Reroute", "inputs": {"": ["3", 3]}},
        "6": {"class_type": "KSampler (Efficient)", "inputs": {
            "model": ["3", 0], "seed": ["4", 0], "steps": 24, "cfg": 6.5, "sampler_name": "dpmpp_2m",
            "scheduler": "karras", "positive": ["3", 1], "negative": ["3", 2], "latent_image": ["5", 0],
            "denoise": 1.0, "preview_method": "auto", "vae_decode": "true", "optional_vae": ["3", 4]}},
        "7": {"class_type": "SaveToLightbox", "inputs": {"images": ["6", 5], "run": "", "tags": ""}},
    }


class EfficiencyTest(unittest.TestCase):
    def test_the_loader_carries_prompts_size_and_loras_and_the_stacks_follow_their_modes(self):
        fields = read_generation_fields(efficiency_graph(), "7")
        self.assertEqual(fields["prompt"], "a lighthouse at dusk, volumetric light")
        self.assertEqual(fields["negative_prompt"], "blurry, lowres")
        self.assertEqual((fields["seed"], fields["steps"], fields["cfg_scale"]), ("8675309", 24, 6.5))
        self.assertEqual((fields["sampler"], fields["scheduler"]), ("dpmpp_2m", "karras"))
        self.assertEqual(fields["model"], "dreamshaper_8.safetensors")
        # The loader's own LoRA, then its stack: simple mode weighs by lora_wt, advanced by model_str; slots past
        # lora_count and "None" are not applied.
        self.assertEqual(fields["loras"], [
            {"name": "lcm.safetensors", "weight": 0.8},
            {"name": "add_detail.safetensors", "weight": 0.6},
            {"name": "film_grain.safetensors", "weight": 0.35},
        ])
        self.assertEqual((fields["params"]["width"], fields["params"]["height"]), (768, 512))
        self.assertEqual(fields["params"]["clip_skip"], 2)
        self.assertNotIn("vae", fields["params"])  # "Baked VAE" is the checkpoint's own

    def test_the_sdxl_loader_reaches_its_sampler_through_the_tuple(self):
        graph = efficiency_graph()
        loader = graph["3"]["inputs"]
        for key in ("ckpt_name", "clip_skip", "lora_name", "lora_model_strength", "lora_clip_strength"):
            del loader[key]
        loader.update({"base_ckpt_name": "sd_xl_base_1.0.safetensors", "base_clip_skip": -1,
                       "refiner_ckpt_name": "None", "refiner_clip_skip": -2, "positive_ascore": 6.0, "negative_ascore": 2.0})
        graph["3"]["class_type"] = "Eff. Loader SDXL"
        graph["6"] = {"class_type": "KSampler SDXL (Eff.)", "inputs": {
            "sdxl_tuple": ["3", 0], "noise_seed": 42, "steps": 30, "cfg": 7.0, "sampler_name": "euler",
            "scheduler": "normal", "latent_image": ["3", 1], "start_at_step": 0, "refine_at_step": -1,
            "preview_method": "auto", "vae_decode": "true", "optional_vae": ["3", 2]}}
        graph["7"]["inputs"]["images"] = ["6", 3]
        fields = read_generation_fields(graph, "7")
        self.assertEqual((fields["prompt"], fields["negative_prompt"]), ("a lighthouse at dusk, volumetric light", "blurry, lowres"))
        self.assertEqual((fields["seed"], fields["steps"], fields["model"]), ("42", 30, "sd_xl_base_1.0.safetensors"))
        self.assertEqual([lora["name"] for lora in fields["loras"]], ["add_detail.safetensors", "film_grain.safetensors"])
        self.assertEqual((fields["params"]["width"], fields["params"]["height"]), (768, 512))

    def test_a_prompt_wired_into_the_loader_from_a_text_node(self):
        graph = efficiency_graph(positive=["8", 0])
        graph["8"] = {"class_type": "String Literal", "inputs": {"string": "wired text"}}
        self.assertEqual(read_generation_fields(graph, "7")["prompt"], "wired text")

    def test_a_switch_and_a_pipe_on_the_way(self):
        graph = efficiency_graph()
        graph["9"] = {"class_type": "ToBasicPipe", "inputs": {
            "model": ["3", 0], "clip": ["3", 5], "vae": ["3", 4], "positive": ["3", 1], "negative": ["3", 2]}}
        graph["10"] = {"class_type": "FromBasicPipe", "inputs": {"basic_pipe": ["9", 0]}}
        graph["11"] = {"class_type": "Switch any [Crystools]", "inputs": {"on_true": ["10", 0], "on_false": ["3", 0], "boolean": True}}
        sampler = graph["6"]["inputs"]
        sampler.update({"model": ["11", 0], "positive": ["10", 3], "negative": ["10", 4]})
        fields = read_generation_fields(graph, "7")
        self.assertEqual((fields["prompt"], fields["negative_prompt"]), ("a lighthouse at dusk, volumetric light", "blurry, lowres"))
        self.assertEqual(fields["model"], "dreamshaper_8.safetensors")
        self.assertEqual(len(fields["loras"]), 3)

    def test_a_graph_without_a_sampler_states_nothing(self):
        self.assertEqual(read_generation_fields({"1": {"class_type": "LoadImage", "inputs": {"image": "x.png"}}}, "1"), {})
        self.assertEqual(read_generation_fields("not a graph"), {})


if __name__ == "__main__":
    unittest.main()
