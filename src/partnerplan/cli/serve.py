"""The `serve` command: a folder of plans as a local web application (`partnerplan.serve`)."""

# No `from __future__ import annotations`: Typer reads the help texts from live annotations.
import os
import sys
from typing import Annotated

import typer

from partnerplan.cli.common import Say, fail


def register(app: typer.Typer, t: Say, lang: str) -> None:
    @app.command(help=t("cli.serve.open_a_plan_or_a_folder"))
    def serve(
        path: Annotated[
            str,
            typer.Argument(help=t("cli.serve.a_plan_or_a_folder_default")),
        ] = "plans",
        port: Annotated[int, typer.Option("--port", help=t("cli.serve.port"))] = 8765,
        host: Annotated[
            str,
            typer.Option(
                "--host",
                help=t("cli.serve.address_default_127_0_0_1"),
            ),
        ] = "127.0.0.1",
        open_browser: Annotated[bool, typer.Option("--open", help=t("cli.serve.open_the_browser"))] = False,
    ) -> None:
        from partnerplan.serve.security import is_loopback
        from partnerplan.words import say

        if not os.path.exists(path):
            fail(say("cli.no_path", lang, path=path))
        import uvicorn

        from partnerplan.serve import Folder, create_app

        folder = Folder(path)
        sys.stderr.write(say("cli.loading", lang, n=len(folder.candidate_files()), root=folder.root) + "\n")
        folder.load_all()
        if not is_loopback(host):
            sys.stderr.write(say("cli.exposed", lang, host=host) + "\n")
        shown = f"[{host}]" if ":" in host else host
        url = f"http://{shown}:{port}/"
        sys.stdout.write(say("cli.serving", lang, url=url) + "\n")
        sys.stdout.flush()
        if open_browser:
            import threading
            import webbrowser

            threading.Timer(0.8, webbrowser.open, args=(url,)).start()
        application = create_app(folder, lang=lang, hosts=[host])
        import gc

        gc.enable()  # a server lives on: the cyclic collector comes back (main turned it off)
        gc.collect()
        uvicorn.run(application, host=host, port=port, log_level="warning", access_log=False)
