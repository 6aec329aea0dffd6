"""Exceptions of the pipelines layer; the CLI turns each into a message and an exit code."""


class PipelineError(Exception):
    """Base class: a job could not run."""


class ConfigError(PipelineError):
    """The sites config is missing or invalid; the message names the file, line and key."""


class InputError(PipelineError):
    """A command-line input (file, URL map, option value) is unusable."""
