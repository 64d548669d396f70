"""The plan's data inside its Word document, for `partnerplan import`.

A Word table shows names, purposes, activities and periods, but not ids, forms,
directions or contacts. The rendered document carries the plan as a standard custom XML
part (Word and LibreOffice keep such parts and never show them), so importing the
document — even after the director edited the table — restores what the table cannot
show. The table stays the source of truth for everything visible.
"""

from __future__ import annotations

import json
import re
from typing import Any
from xml.sax.saxutils import escape

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

from partnerplan.plan.model import Plan

_NS = "urn:partnerplan:plan:1"
_PARTNAME = "/customXml/partnerplan1.xml"
# JSON escapes the C0 controls itself; what XML 1.0 still forbids after that (DEL is
# allowed; lone surrogates and U+FFFE/U+FFFF are not) is written as a JSON \u escape,
# so the part stays well-formed XML and the data comes back exactly.
# Spelled as what is forbidden: the complement of the allowed ranges takes 12 ms to compile.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def embed_plan(doc: Any, plan: Plan) -> None:
    # pydantic-core serialises in Rust: a 5,000-activity plan costs milliseconds here.
    # What the table shows (purposes, periods) is left out: the table is the truth for it.
    visible: Any = {"partners": {"__all__": {"purpose": True, "activities": {"__all__": {"period"}}}}}
    payload = plan.model_dump_json(by_alias=True, exclude_defaults=True, exclude=visible)
    payload = _NOT_XML.sub(_json_escape, payload)
    head = f'<?xml version="1.0" encoding="UTF-8"?>\n<plan xmlns="{_NS}">'.encode()
    blob = head + escape(payload).encode("utf-8") + b"</plan>"
    part = Part(PackURI(_PARTNAME), "application/xml", blob, doc.part.package)
    doc.part.relate_to(part, RT.CUSTOM_XML)


def embedded_plan(doc: Any) -> dict[str, Any] | None:
    """The plan data a partnerplan document carries, or None (another tool's document)."""
    from xml.etree import ElementTree

    for rel in doc.part.rels.values():
        if rel.reltype != RT.CUSTOM_XML or rel.is_external:
            continue
        try:
            root = ElementTree.fromstring(rel.target_part.blob)
        except ElementTree.ParseError:
            continue
        if root.tag == f"{{{_NS}}}plan" and root.text:
            try:
                data = json.loads(root.text)
            except ValueError:
                return None
            return data if isinstance(data, dict) else None
    return None
