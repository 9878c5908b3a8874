"""Errors that end a run with exit code 2 and one clear line, never a traceback."""

from __future__ import annotations


class DoclintError(Exception):
    """A usage, configuration or plugin error; its message is shown as it is."""


class ConfigError(DoclintError):
    """The configuration file or a command-line option is wrong."""


class PluginError(DoclintError):
    """A plugin failed to import, declared a bad rule or misspelt a hook."""


class SkipFile(Exception):
    """Raised by a document reader: the file is skipped with this one-line reason."""
