"""Renderers: a validated plan and its schedule → documents (docx, html, md, ics, svg)."""
