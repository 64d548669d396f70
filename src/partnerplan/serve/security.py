"""What keeps the local server local: the Host check (no DNS rebinding), the session
cookie and the per-session token that every state-changing request carries (no request
forged by another page), the Origin check, and the response headers (a content security
policy that allows only the server's own script, no framing, no sniffing)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

COOKIE = "pp_session"
HEADER = "x-pp-token"
FIELD = "_token"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def is_loopback(host: str) -> bool:
    return host in LOOPBACK or host.startswith("127.")


class Keys:
    """The server's secret and the tokens derived from it: a token is only valid with
    the session cookie it was made for."""

    def __init__(self, secret: bytes | None = None) -> None:
        self.secret = secret or secrets.token_bytes(32)

    def new_session(self) -> str:
        return secrets.token_urlsafe(24)

    def token(self, session: str) -> str:
        return hmac.new(self.secret, session.encode("utf-8"), hashlib.sha256).hexdigest()[:40]

    def valid(self, session: str | None, token: str | None) -> bool:
        if not session or not token:
            return False
        return hmac.compare_digest(self.token(session), token)


def host_name(value: str) -> str:
    """«127.0.0.1:8765» → «127.0.0.1», «[::1]:8765» → «::1»."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class Guard:
    """ASGI middleware: refuses unknown Host headers and unsafe requests without the
    session's token; adds the session cookie and the security headers."""

    def __init__(
        self, app: Any, keys: Keys, hosts: Iterable[str], refuse: Callable[[str, int], bytes]
    ) -> None:
        self.app = app
        self.keys = keys
        self.hosts = {h.lower() for h in hosts}
        self.refuse = refuse

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if host_name(headers.get("host", "")) not in self.hosts:
            await self._send(send, 400, self.refuse("bad_host", 400))
            return
        session = _cookie(headers.get("cookie", ""), COOKIE)
        fresh = None
        if session is None or len(session) > 64:
            session = fresh = self.keys.new_session()
        scope.setdefault("state", {})["pp_token"] = self.keys.token(session)
        if scope["method"] not in SAFE_METHODS:
            origin = headers.get("origin")
            if origin and host_name(origin.split("://", 1)[-1].split("/", 1)[0]) not in self.hosts:
                await self._send(send, 403, self.refuse("forbidden", 403))
                return
            if fresh is not None or not await self._token_ok(scope, receive, headers, session):
                await self._send(send, 403, self.refuse("forbidden", 403))
                return
            receive = self._replay(scope)

        async def send_wrapper(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                extra = [(k.encode(), v.encode()) for k, v in security_headers().items()]
                if fresh is not None:
                    cookie = f"{COOKIE}={fresh}; Path=/; HttpOnly; SameSite=Strict"
                    extra.append((b"set-cookie", cookie.encode()))
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_wrapper)

    async def _token_ok(
        self, scope: dict[str, Any], receive: Any, headers: dict[str, str], session: str
    ) -> bool:
        token = headers.get(HEADER)
        body = b""
        more = True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > 1_000_000:
                return False
        scope["pp_body"] = body
        if token is None:
            token = _form_field(body, headers.get("content-type", ""), FIELD)
        return self.keys.valid(session, token)

    def _replay(self, scope: dict[str, Any]) -> Callable[[], Awaitable[dict[str, Any]]]:
        body = scope.pop("pp_body", b"")
        sent = False

        async def receive() -> dict[str, Any]:
            nonlocal sent
            if sent:
                return {"type": "http.disconnect"}
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        return receive

    @staticmethod
    async def _send(send: Any, status: int, body: bytes) -> None:
        headers = [
            (b"content-type", b"text/html; charset=utf-8"),
            (b"content-length", str(len(body)).encode()),
        ]
        headers += [(k.encode(), v.encode()) for k, v in security_headers().items()]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def security_headers() -> dict[str, str]:
    return {
        "content-security-policy": CSP,
        "x-content-type-options": "nosniff",
        "x-frame-options": "DENY",
        "referrer-policy": "same-origin",  # "no-referrer" makes a form's Origin «null»
        "cache-control": "no-store",
    }


def _cookie(header: str, name: str) -> str | None:
    for part in header.split(";"):
        k, _, v = part.strip().partition("=")
        if k == name and v:
            return v
    return None


def _form_field(body: bytes, content_type: str, name: str) -> str | None:
    from urllib.parse import parse_qs

    if "application/x-www-form-urlencoded" not in content_type:
        return None
    values = parse_qs(body.decode("utf-8", errors="replace")).get(name)
    return values[0] if values else None
