"""abmresearch: account-based-marketing target lists for Russian B2B sales teams.

The public API is re-exported here and imported lazily, so ``abm --help`` stays fast::

    from abmresearch import assess, load_segment, load_vocabulary, read_crm_export
"""

from __future__ import annotations

import importlib
from typing import Any

from abmresearch._version import __version__

__all__ = [
    "AbmError",
    "ConfigError",
    "InputError",
    "QualityResult",
    "SegmentConfig",
    "Store",
    "Vocabulary",
    "__version__",
    "assess",
    "generate_demo",
    "load_segment",
    "load_vocabulary",
    "propose_fixes",
    "read_crm_export",
    "read_table",
    "run_segment",
    "write_table",
]

_LAZY = {
    "AbmError": "abmresearch.errors",
    "ConfigError": "abmresearch.errors",
    "InputError": "abmresearch.errors",
    "QualityResult": "abmresearch.quality",
    "SegmentConfig": "abmresearch.config",
    "Store": "abmresearch.store",
    "Vocabulary": "abmresearch.vocabulary",
    "assess": "abmresearch.quality",
    "generate_demo": "abmresearch.demo",
    "load_segment": "abmresearch.config",
    "load_vocabulary": "abmresearch.vocabulary",
    "propose_fixes": "abmresearch.quality.fixes",
    "read_crm_export": "abmresearch.quality",
    "read_table": "abmresearch.io",
    "run_segment": "abmresearch.pipeline",
    "write_table": "abmresearch.io",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'abmresearch' has no attribute {name!r}")
