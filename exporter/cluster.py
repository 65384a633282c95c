"""Batch jobs on an existing Dask cluster (the optional ``exporter[dask]`` extra).

We do not run a cluster of our own: a ``distributed.Client`` already offers a
``concurrent.futures.Executor``, which is all :func:`exporter.batch.export_many`
needs. Jobs carry their input's bytes and return their outputs' bytes, so the
workers need no shared disk, only this package installed.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import contextmanager

from exporter.errors import OptionError


@contextmanager
def dask_executor(address: str) -> Iterator[Executor]:
    """An executor sending jobs to the Dask scheduler at ``address``."""
    try:
        from distributed import Client
    except ImportError:
        raise OptionError("--cluster needs Dask: pip install 'exporter[dask]'") from None
    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError) as error:
        raise OptionError(f"cannot reach the Dask cluster at {address}: {error}") from None
    with client:
        yield client.get_executor()
