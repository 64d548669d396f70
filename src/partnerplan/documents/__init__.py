"""Stage 3 — plans and events → documents: Word, HTML, Markdown, iCalendar, the model
picture, the network report, and import of Word plans back into plan files."""
