"""The stdlib client against the real app: stored byte for byte, idempotent retries, direct upload for big files,
and every failure ending as a raised LightboxError or a successful retry."""

from __future__ import annotations

import filecmp
import hashlib
import os
import unittest

from tests.support import (
    CLIENTS,
    BusyProxy,
    SleepRecorder,
    api_key,
    app_url,
    client_module,
    closed_port,
    find_by_sha256,
    max_upload_bytes,
    noise_pixels,
    png_of,
    stored_image,
    unique_seed,
)

lightbox = client_module()


def client(**options):
    return lightbox.LightboxClient(app_url(), api_key(), **options)


def noise_png(height: int, width: int) -> bytes:
    return png_of(noise_pixels(height, width, unique_seed()))


class PostImageTest(unittest.TestCase):
    def test_stores_the_bytes_and_the_fields_and_a_retry_is_the_same_image(self):
        png = noise_png(64, 48)
        metadata = {"prompt": "a lighthouse at dusk", "seed": "18446744073709551615", "run": "client-test", "tags": ["a", "b"]}
        record = client().post_image(png, metadata, filename="light\"house\n.png")
        self.assertFalse(record["duplicate"])
        stored, original = stored_image(record["id"])
        self.assertEqual(original, png)
        self.assertEqual(stored["sha256"], hashlib.sha256(png).hexdigest())
        self.assertEqual(stored["prompt"], "a lighthouse at dusk")
        self.assertEqual(stored["seed"], "18446744073709551615")
        self.assertEqual(stored["run"]["name"], "client-test")
        self.assertEqual(sorted(stored["tags"]), ["a", "b"])

        # The same request again carries the same Idempotency-Key: the first answer comes back.
        self.assertEqual(client().post_image(png, metadata)["id"], record["id"])
        # The same bytes with other fields is a new request, and the stored image's duplicate.
        again = client().post_image(png, {"run": "client-test-2"})
        self.assertEqual((again["id"], again["duplicate"]), (record["id"], True))

    def test_a_file_over_the_multipart_limit_goes_through_direct_upload(self):
        png = noise_png(1200, 1200)  # ~4.3 MB of noise
        self.assertGreater(len(png), lightbox.DEFAULT_MULTIPART_LIMIT)
        record = client().post_image(png, {"run": "direct"})
        self.assertEqual(stored_image(record["id"])[1], png)

    def test_a_platform_413_switches_to_direct_upload(self):
        # Told it may send 10 MB in one request, the client meets the host's 4.5 MB limit and goes to the bucket.
        png = noise_png(1400, 1400)  # ~5.9 MB
        said = []
        record = client(multipart_limit=10_000_000, log=said.append).post_image(png)
        self.assertEqual(stored_image(record["id"])[1], png)
        self.assertTrue(any("directly" in line for line in said), said)

    def test_an_image_over_the_apps_limit_is_refused_with_its_code(self):
        png = noise_png(1700, 1700)
        self.assertGreater(len(png), max_upload_bytes())
        with self.assertRaises(lightbox.LightboxError) as raised:
            client().post_image(png)
        self.assertEqual((raised.exception.status, raised.exception.code), (413, "payload_too_large"))
        self.assertIn(str(len(png)), raised.exception.message)
        self.assertEqual(find_by_sha256(png), [])

    def test_a_wrong_key_fails_at_once(self):
        waits = SleepRecorder()
        wrong = lightbox.LightboxClient(app_url(), "lbx_aaaaaaaa_" + "b" * 43, sleep=waits)
        with self.assertRaises(lightbox.LightboxError) as raised:
            wrong.post_image(noise_png(8, 8))
        self.assertEqual((raised.exception.status, raised.exception.code), (401, "unauthorized"))
        self.assertEqual(waits.waits, [])

    def test_the_app_down_is_retried_with_backoff_then_raised(self):
        waits = SleepRecorder()
        down = lightbox.LightboxClient(f"http://127.0.0.1:{closed_port()}", api_key(), sleep=waits, max_attempts=4)
        with self.assertRaises(lightbox.LightboxError) as raised:
            down.post_image(noise_png(8, 8))
        self.assertEqual(raised.exception.code, "network_error")
        self.assertIn("gave up after 4 attempts", str(raised.exception))
        self.assertEqual(len(waits.waits), 3)
        self.assertTrue(waits.waits[0] < waits.waits[1] < waits.waits[2], waits.waits)

    def test_503_with_retry_after_is_honoured_then_stored(self):
        png = noise_png(32, 32)
        waits = SleepRecorder()
        with BusyProxy(busy_answers=2, retry_after="3") as proxy:
            record = lightbox.LightboxClient(proxy.url, api_key(), sleep=waits).post_image(png, {"run": "busy"})
        self.assertEqual(waits.waits, [3.0, 3.0])
        self.assertEqual(proxy.seen, ["POST /api/v1/images"] * 3)
        self.assertEqual(stored_image(record["id"])[1], png)


class PartsTest(unittest.TestCase):
    def test_retry_after_as_an_http_date(self):
        self.assertEqual(lightbox._parse_retry_after("120"), 120.0)
        self.assertEqual(lightbox._parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), 0.0)
        self.assertIsNone(lightbox._parse_retry_after("soon"))

    def test_an_answer_that_is_not_the_apis_envelope_keeps_its_status(self):
        error = lightbox._error_from_answer(502, {"Retry-After": "7"}, b"<html>Bad Gateway</html>")
        self.assertEqual((error.code, error.status, error.retry_after, error.retryable), ("http_502", 502, 7.0, True))

    def test_settings_come_from_the_environment_before_the_file(self):
        with self.assertRaises(lightbox.LightboxError) as raised:
            lightbox.load_settings(environ={"LIGHTBOX_SETTINGS": "/nonexistent.json", "HOME": "/nonexistent"})
        self.assertEqual(raised.exception.code, "not_configured")
        settings = lightbox.load_settings(environ={"LIGHTBOX_URL": "http://x/", "LIGHTBOX_API_KEY": "k"})
        self.assertEqual((settings.url, settings.api_key), ("http://x", "k"))

    def test_the_node_and_the_extension_carry_this_very_module(self):
        canonical = os.path.join(CLIENTS, "python", "lightbox_client.py")
        for copy in ("comfyui", "a1111"):
            self.assertTrue(
                filecmp.cmp(canonical, os.path.join(CLIENTS, copy, "lightbox_client.py"), shallow=False),
                f"clients/{copy}/lightbox_client.py differs: cp clients/python/lightbox_client.py clients/{copy}/",
            )


if __name__ == "__main__":
    unittest.main()
