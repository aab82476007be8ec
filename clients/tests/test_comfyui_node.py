"""The "Save to Lightbox" node called as ComfyUI's executor calls it (the package loaded like a custom node, inputs
from INPUT_TYPES, hidden prompt / extra_pnginfo / unique_id, images as float arrays in [0, 1] shaped [B, H, W, C]),
posting to the real app, whose API then shows each image stored byte for byte with the right fields."""

from __future__ import annotations

import copy
import hashlib
import io
import json
import os
import sys
import tempfile
import types
import unittest
from unittest import mock

import numpy as np
from PIL import Image

from tests.support import (
    CLIENTS,
    FIXTURES,
    BusyProxy,
    api_key,
    app_url,
    closed_port,
    find_by_sha256,
    noise_pixels,
    stored_image,
    unique_seed,
)

NODE_DIR = os.path.join(CLIENTS, "comfyui")


def load_custom_node():
    """As ComfyUI's load_custom_node does: the folder's __init__.py as a package named after the folder."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("lightbox_custom_node", os.path.join(NODE_DIR, "__init__.py"),
                                                  submodule_search_locations=[NODE_DIR])
    module = importlib.util.module_from_spec(spec)
    sys.modules["lightbox_custom_node"] = module
    spec.loader.exec_module(module)
    return module


NODE = load_custom_node()
NODE_CLASS = NODE.NODE_CLASS_MAPPINGS["SaveToLightbox"]


class FakeTensor:
    """What a torch tensor offers the node: shape, indexing/iteration over the batch, .cpu() and .numpy()."""

    def __init__(self, array):
        self.array = array
        self.shape = array.shape

    def __iter__(self):
        return (FakeTensor(item) for item in self.array)

    def __getitem__(self, index):
        return FakeTensor(self.array[index])

    def __len__(self):
        return len(self.array)

    def cpu(self):
        return self

    def numpy(self):
        return self.array


def execute(widgets, *, images, prompt, workflow, unique_id):
    """ComfyUI's executor: every declared input from the prompt's values (defaults where absent), hidden inputs by
    their kind, then the class's FUNCTION on a fresh instance."""
    declared = NODE_CLASS.INPUT_TYPES()
    kwargs = {"images": images}
    for section in ("required", "optional"):
        for name, spec in declared.get(section, {}).items():
            if name == "images":
                continue
            options = spec[1] if len(spec) > 1 else {}
            if name in widgets:
                kwargs[name] = widgets[name]
            elif section == "required":
                kwargs[name] = options["default"]
    values = {"PROMPT": prompt, "EXTRA_PNGINFO": {"workflow": workflow}, "UNIQUE_ID": unique_id}
    for name, kind in declared["hidden"].items():
        kwargs[name] = values[kind]
    return getattr(NODE_CLASS(), NODE_CLASS.FUNCTION)(**kwargs)


def fixture_graph(name):
    with Image.open(os.path.join(FIXTURES, name)) as image:
        return json.loads(image.info["prompt"]), json.loads(image.info["workflow"])


def with_lightbox_node(prompt, images_from, node_id="lightbox", **widgets):
    graph = copy.deepcopy(prompt)
    graph[node_id] = {"class_type": "SaveToLightbox", "inputs": {"images": images_from, **widgets}}
    return graph


def settings(url=None, key=None, retry="3"):
    return mock.patch.dict(os.environ, {"LIGHTBOX_URL": url or app_url(), "LIGHTBOX_API_KEY": key or api_key(),
                                        "LIGHTBOX_RETRY_SECONDS": retry})


def posted_pngs(answer):
    return [stored_image(entry["id"]) for entry in answer["ui"]["lightbox"]]


class RealCustomNodeGraphTest(unittest.TestCase):
    maxDiff = None

    """comfyui-flux-facedetailer-wildcard.png: Flux through SamplerCustomAdvanced (RandomNoise, BasicGuider, the
    FluxGuidance value as the CFG), rgthree's Power Lora Loader (one LoRA switched off), Impact's wildcard encoder (the expanded
    text reached the encoder), Comfyroll's aspect-ratio node making the latent, and a FaceDetailer pass."""

    def test_the_base_pass_is_posted_with_every_field(self):
        prompt, workflow = fixture_graph("samples-new/comfyui-flux-facedetailer-wildcard.png")
        widgets = {"run": "flux-portraits", "tags": "flux, portrait, flux", "also_save_to_output": False}
        graph = with_lightbox_node(prompt, ["8", 0], **widgets)
        batch = np.stack([noise_pixels(96, 72, unique_seed()) for _ in range(2)])
        with settings():
            answer = execute(widgets, images=FakeTensor(batch), prompt=graph, workflow=workflow, unique_id="lightbox")
        stored = posted_pngs(answer)
        self.assertEqual(len(stored), 2)
        for (record, original), pixels in zip(stored, batch):
            # Encoded as SaveImage does: these pixels, with the executed graph and the workflow in the file.
            with Image.open(io.BytesIO(original)) as image:
                self.assertEqual(np.asarray(image).tolist(), np.clip(255.0 * pixels, 0, 255).astype(np.uint8).tolist())
                self.assertEqual(json.loads(image.info["prompt"]), graph)
                self.assertEqual(json.loads(image.info["workflow"]), workflow)
            self.assertEqual(record["byte_size"], len(original))
            self.assertEqual({key: record[key] for key in FIELDS}, {
                "generator": "comfyui",
                "prompt": (
                    "jdycp woman with a punk aesthetic. She has a striking, asymmetrical haircut with a side-swept fringe "
                    "that transitions from green at the roots to a vibrant pink at the tips. Her skin is a warm, light tan "
                    "color, and she has a small tattoo of a rose on her neck, She has a warm smile, having a laugh, "
                    "looking straight at the viewer\n, (wearing a long sundress:1.2),(Beach Boardwalk:1.2),"
                    "(with ocean waves and seagulls:1.2)"
                ),
                "negative_prompt": None,
                "seed": "1011264753186487",
                "steps": 8,
                "cfg_scale": 3.5,  # FluxGuidance: BasicGuider has no CFG of its own
                "sampler": "euler_ancestral",
                "scheduler": "simple",
                "model": "flux1-dev.sft",
                "loras": [
                    {"name": "Judy_Alvarez_Cyberpunk_2077_Flux_LoRa-jdycp.safetensors", "weight": 1.0,
                     "key": "judy_alvarez_cyberpunk_2077_flux_lora-jdycp"},
                    {"name": "fluxSmallAlimama.safetensors", "weight": 1.0, "key": "fluxsmallalimama"},
                ],
                "run": {"id": record["run"]["id"], "name": "flux-portraits"},
                "tags": ["flux", "portrait"],
            })
            self.assertEqual({key: record["params"].get(key) for key in PARAMS}, {
                "sampler_node": {"id": "90", "class_type": "SamplerCustomAdvanced"},
                "width": 768, "height": 1024, "vae": "ae.sft", "denoise": 1.0,
            })

    def test_after_the_face_detailer_the_base_pass_is_the_meaning_and_the_detailer_is_noted(self):
        prompt, workflow = fixture_graph("samples-new/comfyui-flux-facedetailer-wildcard.png")
        graph = with_lightbox_node(prompt, ["125", 0])
        with settings():
            answer = execute({}, images=noise_pixels(40, 30, unique_seed())[None], prompt=graph, workflow=workflow,
                             unique_id="lightbox")
        record, _ = posted_pngs(answer)[0]
        self.assertEqual((record["seed"], record["steps"], record["model"]), ("1011264753186487", 8, "flux1-dev.sft"))
        self.assertEqual(record["params"]["detailers"], [{"node": "125", "class_type": "FaceDetailer", "seed": "762302187042803",
                                                         "steps": 8, "cfg": 1.0, "sampler": "euler_ancestral",
                                                         "scheduler": "simple", "denoise": 0.15}])


FIELDS = ("generator", "prompt", "negative_prompt", "seed", "steps", "cfg_scale", "sampler", "scheduler", "model",
          "loras", "run", "tags")
PARAMS = ("sampler_node", "width", "height", "vae", "denoise")


class NodeBehaviourTest(unittest.TestCase):
    def setUp(self):
        self.prompt, self.workflow = fixture_graph("samples/comfyui-basic.png")
        self.graph = with_lightbox_node(self.prompt, ["8", 0])

    def run_node(self, widgets=None, pixels=None):
        pixels = noise_pixels(24, 24, unique_seed())[None] if pixels is None else pixels
        return execute(widgets or {}, images=pixels, prompt=self.graph, workflow=self.workflow, unique_id="lightbox")

    def test_overrides_win_and_a_settings_file_is_read(self):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "lightbox.json")
            with open(path, "w", encoding="utf-8") as handle:
                json.dump({"url": app_url(), "api_key": api_key()}, handle)
            with mock.patch.dict(os.environ, {"LIGHTBOX_SETTINGS": path}):
                for name in ("LIGHTBOX_URL", "LIGHTBOX_API_KEY"):
                    os.environ.pop(name, None)
                answer = self.run_node({"overrides": '{"model": "my-merge-v2", "params": {"note": "hand-picked"}}'})
        record, _ = posted_pngs(answer)[0]
        self.assertEqual((record["model"], record["params"]["note"]), ("my-merge-v2", "hand-picked"))
        self.assertEqual(record["seed"], "422847914351919")  # the graph's, where no override says otherwise

    def test_also_save_to_output_writes_the_very_bytes_posted(self):
        with tempfile.TemporaryDirectory() as output:
            folder_paths = types.ModuleType("folder_paths")
            folder_paths.get_output_directory = lambda: output
            folder_paths.get_save_image_path = lambda prefix, root, width, height: (root, prefix, 7, "", prefix)
            with settings(), mock.patch.dict(sys.modules, {"folder_paths": folder_paths}):
                answer = self.run_node({"also_save_to_output": True, "filename_prefix": "night"})
            self.assertEqual(answer["ui"]["images"], [{"filename": "night_00007_.png", "subfolder": "", "type": "output"}])
            with open(os.path.join(output, "night_00007_.png"), "rb") as handle:
                self.assertEqual(handle.read(), posted_pngs(answer)[0][1])

    def test_the_app_down_fails_the_queue_item(self):
        pixels = noise_pixels(24, 24, unique_seed())[None]
        with settings(url=f"http://127.0.0.1:{closed_port()}", retry="1"):
            with self.assertRaises(RuntimeError) as raised:
                self.run_node(pixels=pixels)
        self.assertIn("was not stored in Lightbox", str(raised.exception))
        self.assertIn("network_error", str(raised.exception))

    def test_a_wrong_key_fails_the_queue_item_with_the_apis_message(self):
        with settings(key="lbx_aaaaaaaa_" + "c" * 43):
            with self.assertRaises(RuntimeError) as raised:
                self.run_node()
        self.assertIn("unauthorized", str(raised.exception))

    def test_an_image_over_the_apps_limit_fails_the_queue_item_and_is_not_stored(self):
        pixels = noise_pixels(1700, 1700, unique_seed())[None]
        with settings():
            with self.assertRaises(RuntimeError) as raised:
                self.run_node(pixels=pixels)
        self.assertIn("payload_too_large", str(raised.exception))
        png = NODE.save_to_lightbox.encode_png(pixels[0], self.graph, {"workflow": self.workflow})
        self.assertEqual(find_by_sha256(png), [])

    def test_503_with_retry_after_is_waited_out_and_the_image_stored(self):
        with BusyProxy(busy_answers=1, retry_after="1") as proxy, settings(url=proxy.url):
            answer = self.run_node()
        self.assertEqual(proxy.seen, ["POST /api/v1/images", "POST /api/v1/images"])
        record, original = posted_pngs(answer)[0]
        self.assertEqual(record["sha256"], hashlib.sha256(original).hexdigest())


if __name__ == "__main__":
    unittest.main()
