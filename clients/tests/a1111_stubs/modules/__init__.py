"""
Stand-ins for the parts of AUTOMATIC1111's `modules` package the Lightbox extension uses, with the signatures
of stable-diffusion-webui's `modules/script_callbacks.py` (ImageSaveParams, on_image_saved, on_ui_settings),
`modules/options.py` (OptionInfo, Options.add_option, attribute access to settings) and `modules/scripts.py`
(Script, AlwaysVisible). Forge and reForge keep the same interfaces. The webui itself needs torch and cannot
be installed here.
"""
