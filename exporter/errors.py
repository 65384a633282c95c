"""Our exceptions. Each carries the exit code the CLI returns for it; the CLI is
the only place that catches them, and prints ``str(error)`` as one line."""

from __future__ import annotations


class ExportError(Exception):
    """Base of every error a user can cause or fix."""

    exit_code = 1


class InputError(ExportError):
    """The input cannot be read: missing, empty, binary, undecodable."""

    exit_code = 2


class UnknownFormatError(InputError):
    """No reader fits the input, or the user named one we do not have."""

    exit_code = 2


class OptionError(ExportError):
    """An option has a value we cannot use (unknown paper size, bad language tag)."""

    exit_code = 2


class OutputError(ExportError):
    """An output could not be written (no permission, disk full)."""

    exit_code = 3


class RenderError(ExportError):
    """A writer failed on a valid document: a bug of ours, reported plainly."""

    exit_code = 4
