"""modules/scripts.py: the base class of scripts and the marker for always-on ones."""

AlwaysVisible = object()


class Script:
    pass
