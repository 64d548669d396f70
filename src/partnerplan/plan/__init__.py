"""Stage 1 — a file → a checked Plan: the model, vocabularies, YAML with positions, Pydantic
errors in plain words, reference checks, the network's partners.yaml, the one loader
(`loader.load_plan`), and the canonical format."""
