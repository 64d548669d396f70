"""The ASGI application: routes, the page templates, the live-update poll and the
watcher that reloads a plan when its file changes on disk.

`create_app(folder)` is what uvicorn serves and what the tests drive with Starlette's
TestClient. Pages poll `/live?v=N` (htmx, every half second): when the folder's version
has moved on, the page's main part is fetched again; a form that is open is not
replaced but told that the file changed.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator, Iterable
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from partnerplan.serve.security import Guard, Keys
from partnerplan.serve.state import Folder
from partnerplan.words import say

HERE = os.path.dirname(os.path.abspath(__file__))
POLL = "500ms"


def environment() -> Environment:
    from partnerplan.documents.datewords import day_and_weekday, long_date, month_title

    env = Environment(
        loader=FileSystemLoader(os.path.join(HERE, "templates")),
        autoescape=select_autoescape(enabled_extensions=("j2", "html"), default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["long_date"] = long_date
    env.filters["day_weekday"] = day_and_weekday
    env.filters["month_title"] = month_title
    return env


class Site:
    """What every handler needs: the folder, the language, the templates."""

    def __init__(self, folder: Folder, lang: str) -> None:
        self.folder = folder
        self.lang = lang
        self.env = environment()

    def t(self, key: str, **args: Any) -> str:
        return say(key, self.lang, **args)

    def page(self, request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        from urllib.parse import urlencode

        base = {
            "t": self.t,
            "lang": self.lang,
            "token": request.scope.get("state", {}).get("pp_token", ""),
            "version": self.folder.version,
            "here": request.url.path + (f"?{request.url.query}" if request.url.query else ""),
            "folder": self.folder,
            "urlencode": urlencode,
            "downloads": [],
            "report_links": [],
            "live": True,
            "nav": "",
            "title": "",
        }
        html = self.env.get_template(template).render({**base, **context})
        return HTMLResponse(html, status_code=status)

    def refusal(self, key: str, status: int) -> bytes:
        template = self.env.get_template("refused.html.j2")
        return template.render(t=self.t, lang=self.lang, message=self.t(key)).encode("utf-8")


def create_app(
    folder: Folder,
    *,
    lang: str = "ru",
    hosts: Iterable[str] = (),
    watch: bool = True,
    keys: Keys | None = None,
) -> Any:
    """The web application for a loaded `folder`. `hosts`: the Host names it answers
    besides the loopback ones; `watch`: reload plans when their files change."""
    from partnerplan.serve import edit_records, editing, pages
    from partnerplan.serve.editor import Editor

    site = Site(folder, lang)
    editor = Editor(site)  # one for both sets of edit routes: they share the messages

    async def live(request: Request) -> Response:
        try:
            seen = int(request.query_params.get("v", "-1"))
        except ValueError:
            seen = -1
        if seen == folder.version:
            return Response(status_code=204)
        if request.query_params.get("form"):
            return HTMLResponse(
                site.env.get_template("changed.html.j2").render(
                    t=site.t, here=request.query_params.get("here", "/")
                )
            )
        return Response(status_code=200, headers={"HX-Trigger": "pp-changed"})

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        task = None
        stop = None
        if watch:
            import anyio

            stop = anyio.Event()
            task = _start_watcher(folder, stop)
        try:
            yield
        finally:
            if stop is not None:
                stop.set()
            if task is not None:
                task.cancel()
                with contextlib.suppress(BaseException):
                    await task

    routes = [
        *pages.routes(site),
        *editing.routes(editor),
        *edit_records.routes(editor),
        Route("/live", live),
        Mount("/static", app=StaticFiles(directory=os.path.join(HERE, "static")), name="static"),
    ]

    async def not_found(request: Request, exc: Exception) -> Response:
        return site.page(
            request, "message.html.j2", 404, title=site.t("not_found"), message=site.t("not_found")
        )

    app = Starlette(routes=routes, lifespan=lifespan, exception_handlers={404: not_found})
    allowed = {"127.0.0.1", "localhost", "::1", *(h.lower() for h in hosts)}
    return Guard(app, keys or Keys(), allowed, site.refusal)


def _start_watcher(folder: Folder, stop: Any) -> Any:
    import asyncio

    return asyncio.get_running_loop().create_task(watch_folder(folder, stop))


async def watch_folder(folder: Folder, stop: Any) -> None:
    """Reload the plans whose files changed (an editor's save, a `git pull`)."""
    import anyio
    from watchfiles import awatch

    async for changes in awatch(
        folder.root, stop_event=stop, debounce=100, step=50, recursive=folder.single is None
    ):
        paths = {p for _, p in changes if folder.wants(p)}
        if paths:
            await anyio.to_thread.run_sync(folder.reload, paths)
