"""The A1111/Forge extension loaded as the webui loads it (its folder on sys.path, scripts/lightbox.py executed as
a script module against the webui's `modules` interfaces), its on_image_saved callback called with a file saved
the way the webui saves one, and the real app's API showing what was stored. Failures stay visible (status, the
note under the images, the log) and are retried in the background until the image is stored."""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
import unittest

from PIL import Image
from PIL.PngImagePlugin import PngInfo

from tests.support import CLIENTS, BusyProxy, api_key, app_url, closed_port, find_by_sha256, load_module, noise_pixels, unique_seed

SPOOL = tempfile.mkdtemp(prefix="lightbox-a1111-spool-")
OUTPUTS = tempfile.mkdtemp(prefix="lightbox-a1111-outputs-")
os.environ["LIGHTBOX_SPOOL_DIR"] = SPOOL
os.environ["LIGHTBOX_RETRY_SECONDS"] = "1"
sys.path[:0] = [os.path.join(os.path.dirname(__file__), "a1111_stubs"), os.path.join(CLIENTS, "a1111")]

from modules import script_callbacks, shared  # noqa: E402  (the stand-ins, as the webui provides them)

EXTENSION = load_module("lightbox_extension_script", os.path.join(CLIENTS, "a1111", "scripts", "lightbox.py"))
script_callbacks.ui_settings_callback()

INFOTEXT = (
    "a lighthouse at dusk, <lora:film_grain:0.7>\n"
    "Negative prompt: blurry, lowres\n"
    'Steps: 24, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 6.5, Seed: {seed}, Size: 64x48, '
    'Model hash: 31e35c80fc, Model: sd_xl_base_1.0, Lora hashes: "film_grain: 0123456789ab", Version: f2.0.1'
)


def save_like_the_webui(name, fmt="PNG", embed=True):
    """images.save_image: the PIL image written with the infotext as PNG `parameters` (or EXIF for JPEG), then
    the callback with the same params."""
    seed = unique_seed()
    infotext = INFOTEXT.format(seed=seed)
    image = Image.fromarray((noise_pixels(48, 64, seed) * 255).astype("uint8"))
    path = os.path.join(OUTPUTS, name)
    if fmt == "PNG":
        info = PngInfo()
        if embed:
            info.add_text("parameters", infotext)
        image.save(path, pnginfo=info)
    else:
        image.save(path, format=fmt, quality=90)
    params = script_callbacks.ImageSaveParams(image, object(), path, {"parameters": infotext})
    script_callbacks.image_saved_callback(params)
    with open(path, "rb") as handle:
        return handle.read(), seed


def configure(url=None, key=None, run="a1111-run", enabled=True):
    shared.opts.lightbox_enabled = enabled
    shared.opts.lightbox_url = url or app_url()
    shared.opts.lightbox_api_key = key or api_key()
    shared.opts.lightbox_run = run


def eventually(condition, what, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}: {EXTENSION.uploader.status()}")


def stored_record(data):
    eventually(lambda: find_by_sha256(data), "the image in Lightbox")
    return find_by_sha256(data)[0]


class ExtensionTest(unittest.TestCase):
    def setUp(self):
        configure()
        EXTENSION.uploader.retry_failed()
        self.assertTrue(EXTENSION.uploader.wait_idle(60), EXTENSION.uploader.status())

    def test_settings_page_entries(self):
        labels = {key: info.label for key, info in shared.opts.data_labels.items()}
        self.assertEqual(sorted(labels), ["lightbox_api_key", "lightbox_enabled", "lightbox_run", "lightbox_url"])
        self.assertEqual(shared.opts.data_labels["lightbox_api_key"].component_args, {"type": "password"})
        self.assertEqual({info.section for info in shared.opts.data_labels.values()}, {("lightbox", "Lightbox")})

    def test_a_saved_png_is_stored_byte_for_byte_and_the_app_reads_its_infotext(self):
        data, seed = save_like_the_webui("00001-png.png")
        record = stored_record(data)
        self.assertEqual(record["byte_size"], len(data))
        self.assertEqual(
            {key: record[key] for key in ("generator", "prompt", "negative_prompt", "seed", "steps", "cfg_scale", "model")},
            {"generator": "a1111", "prompt": "a lighthouse at dusk, <lora:film_grain:0.7>", "negative_prompt": "blurry, lowres",
             "seed": str(seed), "steps": 24, "cfg_scale": 6.5, "model": "sd_xl_base_1.0"},
        )
        self.assertEqual(record["run"]["name"], "a1111-run")
        self.assertNotIn("infotext", record["params"])  # the app read the file's own chunk; nothing was re-sent

    def test_a_file_saved_without_its_infotext_gets_it_from_the_callback(self):
        data, seed = save_like_the_webui("00002-jpeg.jpg", fmt="JPEG")
        record = stored_record(data)
        self.assertEqual((record["prompt"], record["seed"], record["sampler"], record["scheduler"]),
                         ("a lighthouse at dusk, <lora:film_grain:0.7>", str(seed), "DPM++ 2M", "Karras"))
        self.assertEqual(record["loras"][0]["name"], "film_grain")
        self.assertEqual(record["params"]["infotext"], INFOTEXT.format(seed=seed))

    def test_grids_and_a_switched_off_extension_post_nothing(self):
        grids = os.path.join(OUTPUTS, "grids")
        os.makedirs(grids, exist_ok=True)
        shared.opts.outdir_txt2img_grids = grids
        grid, _ = save_like_the_webui(os.path.join("grids", "grid-0001.png"))
        configure(enabled=False)
        off, _ = save_like_the_webui("00003-off.png")
        self.assertEqual(EXTENSION.uploader.status()["waiting"], 0)
        self.assertEqual((find_by_sha256(grid), find_by_sha256(off)), ([], []))

    def test_lightbox_down_is_shown_and_retried_until_stored(self):
        configure(url=f"http://127.0.0.1:{closed_port()}")
        data, _ = save_like_the_webui("00004-down.png")
        eventually(lambda: EXTENSION.uploader.status()["retrying"], "the failure to show")
        processed = type("Processed", (), {"comments": ""})()
        EXTENSION.LightboxScript().postprocess(object(), processed)
        self.assertIn("retrying 00004-down.png", processed.comments)
        self.assertIn("network_error", processed.comments)
        self.assertIn("network_error", EXTENSION.status_html())
        configure()  # Lightbox is back (here: the right URL); the queue goes on at once
        self.assertEqual(stored_record(data)["byte_size"], len(data))
        eventually(lambda: not EXTENSION.uploader.status()["retrying"], "the queue to empty")

    def test_a_wrong_key_is_a_failure_until_the_key_is_fixed(self):
        configure(key="lbx_aaaaaaaa_" + "d" * 43)
        data, _ = save_like_the_webui("00005-key.png")
        eventually(lambda: EXTENSION.uploader.status()["failed"], "the refusal to show")
        self.assertIn("NOT STORED 00005-key.png", EXTENSION.status_html())
        self.assertIn("unauthorized", EXTENSION.status_html())
        self.assertEqual(find_by_sha256(data), [])
        configure()
        stored_record(data)

    def test_503_with_retry_after_is_waited_out(self):
        with BusyProxy(busy_answers=1, retry_after="1") as proxy:
            configure(url=proxy.url)
            data, _ = save_like_the_webui("00006-busy.png")
            stored_record(data)
        self.assertEqual(proxy.seen[:2], ["POST /api/v1/images", "POST /api/v1/images"])

    def test_an_image_over_the_apps_limit_is_a_visible_failure(self):
        image = Image.fromarray((noise_pixels(1700, 1700, unique_seed()) * 255).astype("uint8"))
        path = os.path.join(OUTPUTS, "00007-huge.png")
        image.save(path)
        script_callbacks.image_saved_callback(script_callbacks.ImageSaveParams(image, object(), path, {}))
        eventually(lambda: EXTENSION.uploader.status()["failed"], "the refusal to show")
        self.assertIn("payload_too_large", EXTENSION.status_html())
        with open(path, "rb") as handle:
            self.assertEqual(find_by_sha256(handle.read()), [])
        EXTENSION.forget_failed()
        self.assertEqual(EXTENSION.uploader.status()["failed"], [])
        self.assertEqual(os.listdir(SPOOL), [])

    def test_queued_images_survive_a_restart(self):
        lightbox_uploader = sys.modules["lightbox_uploader"]
        spool = tempfile.mkdtemp(prefix="lightbox-a1111-restart-")
        image = Image.fromarray((noise_pixels(20, 20, unique_seed()) * 255).astype("uint8"))
        path = os.path.join(OUTPUTS, "00008-restart.png")
        image.save(path)
        before = lightbox_uploader.Uploader(spool, lambda: None, lambda message: None, attempt_seconds=1)
        before.submit(path, None)
        eventually(lambda: before.status()["retrying"], "the job to wait for settings")
        before.stop()
        after = lightbox_uploader.Uploader(spool, lambda: (app_url(), api_key(), ""), lambda message: None)
        with open(path, "rb") as handle:
            stored_record(handle.read())
        self.assertTrue(after.wait_idle(30))
        after.stop()
        self.assertEqual(os.listdir(spool), [])


class InfotextTest(unittest.TestCase):
    def test_the_settings_line_and_quoted_values(self):
        infotext = sys.modules["lightbox_infotext"]
        fields = infotext.parse_infotext('p1\np2\nNegative prompt: n1\nn2\nSteps: 5, Sampler: Euler a, Lora hashes: "a: 1, b: 2", Seed: 7')
        self.assertEqual((fields["prompt"], fields["negative_prompt"], fields["steps"], fields["seed"], fields["sampler"]),
                         ("p1\np2", "n1\nn2", 5, "7", "Euler a"))
        self.assertFalse(infotext.file_has_infotext(b"not an image"))
        buffer = io.BytesIO()
        Image.new("RGB", (4, 4)).save(buffer, format="JPEG")
        self.assertFalse(infotext.file_has_infotext(buffer.getvalue()))


if __name__ == "__main__":
    unittest.main()
