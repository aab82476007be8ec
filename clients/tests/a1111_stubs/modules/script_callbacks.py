"""modules/script_callbacks.py: the callbacks the extension registers, called the way the webui calls them."""


class ImageSaveParams:
    def __init__(self, image, p, filename, pnginfo):
        self.image = image
        self.p = p
        self.filename = filename
        self.pnginfo = pnginfo


callbacks_image_saved = []
callbacks_ui_settings = []


def on_image_saved(callback, *, name=None):
    callbacks_image_saved.append(callback)


def on_ui_settings(callback, *, name=None):
    callbacks_ui_settings.append(callback)


def image_saved_callback(params):
    for callback in callbacks_image_saved:
        callback(params)


def ui_settings_callback():
    for callback in callbacks_ui_settings:
        callback()
