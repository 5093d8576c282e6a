"""abmresearch: account-based-marketing target lists for Russian B2B sales teams."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
