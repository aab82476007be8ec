"""Save to Lightbox: a ComfyUI custom node. Drop this folder into ComfyUI/custom_nodes/ (see README.md)."""

from .save_to_lightbox import SaveToLightbox

NODE_CLASS_MAPPINGS = {"SaveToLightbox": SaveToLightbox}
NODE_DISPLAY_NAME_MAPPINGS = {"SaveToLightbox": "Save to Lightbox"}

__all__ = ["NODE_CLASS_MAPPINGS", "NODE_DISPLAY_NAME_MAPPINGS"]
