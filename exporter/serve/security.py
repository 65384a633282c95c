"""The rules a local web server must keep, as one ASGI middleware in front of
the app, so that no route can forget them:

- a request's ``Host`` must name this server (127.0.0.1, localhost or [::1]
  with our port, or the address it was told to listen on): a page elsewhere
  that points its own name at 127.0.0.1 (DNS rebinding) gets 421;
- a request that may change something (anything but GET, HEAD, OPTIONS)
  coming from another site's page (its ``Origin``, or ``Sec-Fetch-Site:
  cross-site``) gets 403;
- a body above the upload limit gets 413 before it is read;
- every answer forbids framing, sniffing, referrers to other sites and anything the page
  would load from elsewhere (a Content Security Policy of ``'self'``).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

#: Sent with every answer. Images may be ``blob:``: the page shows dropped
#: files' names only, but a browser may preview with blob URLs.
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (
        b"content-security-policy",
        b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
        b"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)


def host_with_port(host: str, port: int) -> str:
    """``host:port`` as a browser writes it in ``Host`` (IPv6 in brackets)."""
    host = host.strip("[]").lower()
    try:
        if ipaddress.ip_address(host).version == 6:
            host = f"[{host}]"
    except ValueError:
        pass
    return f"{host}:{port}"


def is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_wildcard(host: str) -> bool:
    return host.strip("[]") in ("", "0.0.0.0", "::")


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The ``Host`` values this server answers: the loopback names with our
    port and the address given; for a wildcard address (0.0.0.0, ::) also
    this machine's own name and addresses, which a rebinding page cannot use."""
    names = {"127.0.0.1", "localhost", "::1", host}
    if is_wildcard(host):
        names.discard(host)
        names.update(machine_names())
    allowed = {host_with_port(name, port) for name in names}
    if port == 80:  # browsers leave out the default port
        allowed.update(entry.rsplit(":", 1)[0] for entry in list(allowed))
    return frozenset(allowed)


def machine_names() -> Iterable[str]:
    """This machine's name, and its aliases and addresses where they resolve."""
    name = socket.gethostname()
    try:
        _, aliases, addresses = socket.gethostbyname_ex(name)
    except OSError:
        aliases, addresses = [], []
    return {name, socket.getfqdn(), *aliases, *addresses}


class Guard:
    """The middleware. ``max_body``: bytes a request body may have."""

    def __init__(self, app: ASGIApp, *, host: str, port: int, max_body: int) -> None:
        self.app = app
        self.hosts = allowed_hosts(host, port)
        self.origins = frozenset(f"http://{entry}" for entry in self.hosts)
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {
            name.decode("latin-1").lower(): value.decode("latin-1")
            for name, value in scope["headers"]
        }
        host = headers.get("host", "").strip().lower()
        if not host:
            await refuse(send, 400, "This request names no host.")
            return
        if host not in self.hosts:
            await refuse(
                send,
                421,
                f"This server answers only to its own address, not to {host[:100]!r}.",
            )
            return
        if scope["method"] not in SAFE_METHODS and self.foreign(headers):
            await refuse(send, 403, "Refused: this request came from another site's page.")
            return
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_body:
            await refuse(send, 413, too_large(self.max_body))
            return
        await self.app(scope, limited(receive, self.max_body), with_headers(send))

    def foreign(self, headers: dict[str, str]) -> bool:
        origin = headers.get("origin")
        if origin is not None:
            return origin.lower() not in self.origins
        return headers.get("sec-fetch-site") == "cross-site"


def too_large(limit: int) -> str:
    return f"Too much at once: at most {limit // (1024 * 1024)} MB can be sent in one go."


class BodyTooLarge(Exception):
    """A body without a ``Content-Length`` that goes on past the limit."""


def limited(receive: Receive, limit: int) -> Receive:
    seen = 0

    async def wrapped() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise BodyTooLarge(too_large(limit))
        return message

    return wrapped


def with_headers(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            names = {name.lower() for name, _ in message.get("headers", [])}
            extra = [(name, value) for name, value in SECURITY_HEADERS if name not in names]
            message["headers"] = [*message.get("headers", []), *extra]
        await send(message)

    return wrapped


async def refuse(send: Send, status: int, text: str) -> None:
    body = (text + "\n").encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *SECURITY_HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
