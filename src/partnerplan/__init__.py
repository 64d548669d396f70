"""partnerplan: the yearly plan of work with social partners, from YAML to Word."""

__version__ = "0.1.0"
