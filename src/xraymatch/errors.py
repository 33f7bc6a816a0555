"""The project's exception types: user mistakes carry a one-line message naming the file/field and the fix."""

from __future__ import annotations


class XraymatchError(Exception):
    """Base class of every error the CLIs report as a one-line message with a non-zero exit."""

    exit_code = 2


class InputError(XraymatchError):
    """An input file or folder is missing, unreadable or not what the stage expects."""


class ConfigError(XraymatchError):
    """A parameter in params.yaml (or an override) is missing or out of range."""


class CheckFailed(XraymatchError):
    """A Great Expectations suite failed on data crossing a boundary."""

    exit_code = 3
