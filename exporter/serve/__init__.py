"""``exporter serve``: the exporter as a page in the browser, on this machine.

Paste an article or drop files, see what was recognised and correct it, see
both outputs as they will look, download them with their check reports. The
server (Starlette on uvicorn, ``pip install 'exporter[serve]'``) imports
everything once at start, so a change re-renders at once; it listens on
127.0.0.1 unless told otherwise, and keeps the rules of
:mod:`exporter.serve.security`.
"""

from __future__ import annotations

import socket
import sys

from exporter.errors import ExportError, OptionError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


class MissingExtraError(ExportError):
    """The serve extra (Starlette, uvicorn) is not installed."""

    exit_code = 2


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` and listening, or an OptionError that
    says why not (the port taken, an address this machine does not have)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host.strip("[]"), port, type=socket.SOCK_STREAM
        )[0]
        sock = socket.socket(family, kind, proto)
    except (OSError, UnicodeError) as error:
        raise OptionError(f"cannot listen on {host}:{port} ({error})") from None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as error:
        sock.close()
        reason = error.strerror or str(error)
        raise OptionError(f"cannot listen on {host}:{port} ({reason})") from None
    sock.set_inheritable(True)
    return sock


def run(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *, open_browser: bool = False) -> None:
    """Serve until interrupted."""
    try:
        import uvicorn

        from exporter.serve.app import create_app
    except ImportError as error:
        raise MissingExtraError(
            f"exporter serve needs {error.name}: pip install 'exporter[serve]'"
        ) from None
    from exporter.serve.security import host_with_port, is_loopback

    sock = listening_socket(host, port)
    port = sock.getsockname()[1]
    url = f"http://{host_with_port('127.0.0.1' if not is_loopback(host) else host, port)}/"
    if not is_loopback(host):
        print(
            f"exporter: warning: listening on {host}, not only on this machine: anyone who "
            "can reach this address can use the page and read what is pasted into it",
            file=sys.stderr,
        )
    app = create_app(host, port)
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        proxy_headers=False,
        server_header=False,
        lifespan="on",
    )
    print(f"exporter: serving on {url} (Ctrl+C stops)", file=sys.stderr, flush=True)
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    uvicorn.Server(config).run(sockets=[sock])
