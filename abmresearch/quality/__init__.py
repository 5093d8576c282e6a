"""Data quality: cell validators, the Data Quality Index, account readiness and fix-ups."""

from abmresearch.quality.dqi import FIELDS, QualityResult, assess
from abmresearch.quality.inputs import read_crm_export

__all__ = ["FIELDS", "QualityResult", "assess", "read_crm_export"]
