"""An optional company-by-ИНН look-up client for a DaData-style JSON API.

Never required: without a token (``DADATA_TOKEN`` in ``.env`` or the environment) the toolkit
works from registry files alone. Answers are cached on disk per ИНН (a repeated look-up makes
no request) and requests are rate-limited. Tests use :class:`httpx.MockTransport`.

The API: ``POST {base_url}/findById/party`` with ``{"query": "<ИНН>"}`` and the header
``Authorization: Token <token>``; the first suggestion's ``data`` is mapped onto the registry
fields.
"""

from __future__ import annotations

import json
import os
import re
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from abmresearch.collect.registry.records import RegistryRecord
from abmresearch.errors import AbmError

__all__ = ["DEFAULT_BASE_URL", "CompanyLookup", "party_to_record"]

DEFAULT_BASE_URL = "https://suggestions.dadata.ru/suggestions/api/4_1/rs"
_STATUS = {
    "ACTIVE": "active",
    "LIQUIDATING": "liquidating",
    "LIQUIDATED": "liquidated",
    "BANKRUPT": "bankrupt",
    "REORGANIZING": "reorganising",
}
_MSP = {"MICRO": "micro", "SMALL": "small", "MEDIUM": "medium"}


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split()) or None


def _iso_from_ms(value: Any) -> str | None:
    if not isinstance(value, int | float):
        return None
    return datetime.fromtimestamp(value / 1000, tz=UTC).date().isoformat()


def party_to_record(data: dict[str, Any], *, source: str, as_of: str) -> RegistryRecord | None:
    """Map the ``data`` of a DaData party suggestion onto a registry record.

    Args:
        data: ``suggestions[0].data`` of the answer.
        source: the provenance label.
        as_of: the date of the answer (ISO) unless the answer states its own.

    Returns:
        The record, or ``None`` when the answer has no ИНН.
    """
    inn = _text(data.get("inn"))
    if not inn:
        return None
    okveds = data.get("okveds") or []
    extra = [
        str(item.get("code"))
        for item in okveds
        if isinstance(item, dict) and item.get("code") and not item.get("main")
    ]
    kladr = _text(_get(data, "address", "data", "region_kladr_id")) or ""
    region = kladr[:2] if re.fullmatch(r"\d{13}", kladr) else None
    actuality = _iso_from_ms(_get(data, "state", "actuality_date"))
    values = {
        "ogrn": _text(data.get("ogrn")),
        "kpp": _text(data.get("kpp")),
        "name": _text(_get(data, "name", "full_with_opf")),
        "short_name": _text(_get(data, "name", "short_with_opf")),
        "legal_form": _text(_get(data, "opf", "full")),
        "okved": _text(data.get("okved")),
        "okved_extra": ";".join(extra) or None,
        "region": region,
        "address": _text(_get(data, "address", "unrestricted_value"))
        or _text(_get(data, "address", "value")),
        "registered": _iso_from_ms(_get(data, "state", "registration_date")),
        "status": _STATUS.get(str(_get(data, "state", "status"))),
        "head_name": _text(_get(data, "management", "name")),
        "head_position": _text(_get(data, "management", "post")),
        "employees": _text(data.get("employee_count")),
        "revenue": _text(_get(data, "finance", "revenue")),
        "msp_category": _MSP.get(str(_get(data, "documents", "smb", "category"))),
    }
    clean = {key: value for key, value in values.items() if value}
    return RegistryRecord(inn=inn, source=source, as_of=actuality or as_of, values=clean)


class CompanyLookup:
    """Look up companies by ИНН, cached on disk and rate-limited.

    Args:
        token: the API key; ``None`` reads ``DADATA_TOKEN`` from ``.env``/the environment.
        cache_dir: where answers are stored, one JSON per ИНН.
        base_url: the API root.
        rate_limit: requests per second.
        transport: an httpx transport (tests: ``httpx.MockTransport``).

    Raises:
        AbmError: no token was given or found.
    """

    def __init__(
        self,
        token: str | None = None,
        *,
        cache_dir: Path,
        base_url: str = DEFAULT_BASE_URL,
        rate_limit: float = 10.0,
        timeout: float = 10.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        if token is None:
            from dotenv import load_dotenv

            load_dotenv()
            token = os.environ.get("DADATA_TOKEN")
        if not token:
            raise AbmError(
                "нет ключа API: задайте DADATA_TOKEN в .env (поиск по ИНН не обязателен)"
            )
        self.cache_dir = Path(cache_dir) / "dadata"
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        self.interval = 1.0 / rate_limit
        self.requests = 0
        self._next_at = 0.0
        self._client = httpx.Client(
            base_url=base_url,
            headers={"Authorization": f"Token {token}", "Accept": "application/json"},
            timeout=timeout,
            transport=transport,
        )

    def close(self) -> None:
        """Close the HTTP connection pool."""
        self._client.close()

    def __enter__(self) -> CompanyLookup:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _answer(self, inn: str) -> dict[str, Any]:
        path = self.cache_dir / f"{inn}.json"
        if path.exists():
            cached: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            return cached
        delay = self._next_at - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        self._next_at = time.monotonic() + self.interval
        self.requests += 1
        try:
            response = self._client.post("/findById/party", json={"query": inn})
        except httpx.HTTPError as exc:
            raise AbmError(
                f"поиск по ИНН {inn}: ошибка соединения ({type(exc).__name__})"
            ) from None
        if response.status_code in (401, 403):
            raise AbmError("поиск по ИНН: ключ API отклонён (проверьте DADATA_TOKEN)")
        if response.status_code >= 400:
            raise AbmError(f"поиск по ИНН {inn}: HTTP {response.status_code}")
        answer: dict[str, Any] = response.json()
        answer["_fetched"] = datetime.now(UTC).date().isoformat()
        path.write_text(json.dumps(answer, ensure_ascii=False), encoding="utf-8")
        return answer

    def find(self, inn: str) -> RegistryRecord | None:
        """The company with this ИНН, or ``None`` when the service does not know it."""
        answer = self._answer(inn)
        suggestions = answer.get("suggestions") or []
        if not suggestions or not isinstance(suggestions[0], dict):
            return None
        data = suggestions[0].get("data") or {}
        return party_to_record(data, source="dadata", as_of=str(answer.get("_fetched", "")))
