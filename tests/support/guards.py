"""Proof that nothing is read or fetched that an input only points at."""

from __future__ import annotations

import builtins
import io
import os
import pathlib
import socket
from collections.abc import Callable
from pathlib import Path

import pytest


def guard_reads(monkeypatch: pytest.MonkeyPatch, allowed: Callable[[Path], bool]) -> list[str]:
    """Fail the test on any network connection and on opening for reading
    any file that ``allowed`` refuses (given its resolved path). Returns the
    files opened for reading; writes are the test's own set-up and pass."""
    opened: list[str] = []

    def check(path: object) -> None:
        if isinstance(path, int):
            return
        resolved = Path(os.fsdecode(path)).resolve()  # type: ignore[arg-type]
        opened.append(str(resolved))
        if not allowed(resolved):
            pytest.fail(f"read a file the input only points at: {resolved}")

    real_open, real_os_open = builtins.open, os.open
    real_read_bytes = pathlib.Path.read_bytes

    def guarded_open(file, mode="r", *args, **kwargs):  # type: ignore[no-untyped-def]
        if not set(mode) & set("wax+"):
            check(file)
        return real_open(file, mode, *args, **kwargs)

    def guarded_os_open(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if not flags & (os.O_WRONLY | os.O_RDWR):
            check(path)
        return real_os_open(path, flags, *args, **kwargs)

    def guarded_read_bytes(self: Path) -> bytes:
        check(self)
        return real_read_bytes(self)

    def no_connect(self: socket.socket, *args: object) -> None:
        pytest.fail(f"network connection attempted: {args}")

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(io, "open", guarded_open)
    monkeypatch.setattr(os, "open", guarded_os_open)
    monkeypatch.setattr(pathlib.Path, "read_bytes", guarded_read_bytes)
    monkeypatch.setattr(socket.socket, "connect", no_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", no_connect)
    return opened
