"""`partnerplan serve`: a folder of plans (or one plan) as a local web application.

The pages show the network overview, each plan's «Комплексный план», the calendar, the
partners, the report and the diagnostics, update themselves when a file changes on disk,
and edit plans without YAML; every change is written back into the file by `writer`.
Modules: `state` (the plans in memory), `pages` and `editing` (the routes), `forms`,
`writer` and `splice` (changes to the text), `calendar`, `documents`, `security`,
`words`, `app` (the ASGI application).
"""

from __future__ import annotations

from partnerplan.serve.app import create_app
from partnerplan.serve.state import Folder

__all__ = ["Folder", "create_app"]
