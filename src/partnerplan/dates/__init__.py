"""Stage 2 — a Plan → dated events: the academic calendar, notable dates, the period
language and the deterministic scheduler."""
