"""SPARK / Kontur.Focus / Checko exports, the field-by-field merge, the optional API client."""

from __future__ import annotations

import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pandas as pd
import pytest

from abmresearch.collect.registry import load_registry, read_registry
from abmresearch.collect.registry.dadata import CompanyLookup
from abmresearch.collect.registry.exports import map_status
from abmresearch.collect.registry.merge import merge_records
from abmresearch.collect.registry.records import RegistryRecord
from abmresearch.errors import AbmError, InputError

EGRUL_FILE = "VO_RUGFO_0000_9965_20251102_d17fdf23-7079-4b06-a02b-f74405c08baa.xml"


def _dated(path: Path, day: str) -> Path:
    stamp = datetime.fromisoformat(day).replace(tzinfo=UTC).timestamp()
    os.utime(path, (stamp, stamp))
    return path


def test_spark_csv_cp1251_with_years_and_scale(assets: Path, tmp_path: Path) -> None:
    spark = _dated(shutil.copy(assets / "collect" / "spark_export.csv", tmp_path), "2026-11-01")
    frame = load_registry([Path(spark)]).set_index("inn")
    assert list(frame.index) == ["5404002997", "7707083893"]  # the row without an ИНН skipped
    row = frame.loc["5404002997"]
    assert row["revenue"] == "2345600"  # the latest year, «2 345,6» тыс. руб.
    assert row["employees"] == "12" and row["region"] == "54" and row["status"] == "active"
    assert row["name"] == 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "СИБИРЬСВЯЗЬМАРКЕТ"'
    assert row["short_name"] == 'ООО "СИБИРЬСВЯЗЬМАРКЕТ"'
    assert row["sources"] == "spark:spark_export.csv"
    other = frame.loc["7707083893"]
    assert other["status"] == "liquidating" and other["region"] == "77"
    assert other["head_name"] == "" and other["revenue"] == ""  # missing stays empty


def test_merge_egrul_with_spark_newest_wins(
    shared_data: Path, assets: Path, tmp_path: Path
) -> None:
    egrul = shared_data / "egrul-samples" / "xml" / EGRUL_FILE
    spark = _dated(shutil.copy(assets / "collect" / "spark_export.csv", tmp_path), "2026-11-01")
    result = read_registry([egrul, Path(spark)])
    row = result.companies.set_index("inn").loc["5404002997"]
    # Fields only one side knows are combined: ЕГРЮЛ gives КПП and address, SPARK revenue.
    assert row["kpp"] == "540401001" and row["revenue"] == "2345600"
    assert row["address"].startswith("630032, НОВОСИБИРСКАЯ ОБЛАСТЬ")
    # Both state the position: «ГЕНЕРАЛЬНЫЙ ДИРЕКТОР» (ЕГРЮЛ, 2025-10-30) vs «Директор»
    # (SPARK, 2026-11-01): a conflict, the newer source wins. The head's name differs only in
    # case: not a conflict.
    assert row["head_position"] == "Директор"
    baseline = read_registry([egrul]).conflicts  # the file repeats an ИНН with other values
    assert result.conflicts == baseline + 1
    assert row["sources"].split(";") == [f"egrul:{EGRUL_FILE}", "spark:spark_export.csv"]
    provenance = result.provenance.set_index(["inn", "field"])
    assert provenance.loc[("5404002997", "kpp"), "source"] == f"egrul:{EGRUL_FILE}"
    assert provenance.loc[("5404002997", "head_position"), "as_of"] == "2026-11-01"
    # An older export loses to the register.
    _dated(Path(spark), "2020-01-01")
    older = read_registry([Path(spark), egrul]).companies.set_index("inn").loc["5404002997"]
    assert older["head_position"] == "ГЕНЕРАЛЬНЫЙ ДИРЕКТОР"


def test_kontur_xlsx_and_checko_csv(tmp_path: Path) -> None:
    kontur = tmp_path / "kontur_focus_export.xlsx"
    pd.DataFrame(
        {
            "ИНН": ["7707083893"],
            "ОГРН": ["1027700132195"],
            "Краткое наименование": ["ПАО СБЕРБАНК"],
            "Статус": ["Действующее"],
            "Юридический адрес": ["117312, г. Москва, ул. Вавилова, д. 19"],
            "Дата регистрации": ["20.06.1991"],
            "Выручка, млн руб.": ["1,5"],
        }
    ).to_excel(kontur, index=False)
    checko = tmp_path / "checko.csv"
    checko.write_text(
        "inn,name,okved,region,status,msp_category\n"
        "7707083893,ПАО «СБЕРБАНК РОССИИ»,64.19,Москва,ликвидирована,Малое предприятие\n",
        encoding="utf-8",
    )
    _dated(kontur, "2026-01-01")
    _dated(checko, "2026-02-01")
    result = read_registry([kontur, checko])
    row = result.companies.set_index("inn").loc["7707083893"]
    assert row["ogrn"] == "1027700132195" and row["registered"] == "1991-06-20"
    assert row["revenue"] == "1500000" and row["okved"] == "64.19"
    assert row["msp_category"] == "small" and row["region"] == "77"
    assert row["status"] == "liquidated" and result.conflicts == 1  # checko is newer
    assert row["name"] == "ПАО «СБЕРБАНК РОССИИ»" and row["short_name"] == "ПАО СБЕРБАНК"
    assert row["sources"] == "kontur:kontur_focus_export.xlsx;checko:checko.csv"


def test_export_without_inn_column(tmp_path: Path) -> None:
    path = tmp_path / "spark.csv"
    path.write_text("Наименование;Регион\nООО Ромашка;Москва\n", encoding="utf-8")
    with pytest.raises(InputError, match="нет столбца ИНН"):
        load_registry([path])


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Действующая", "active"),
        ("Действует", "active"),
        ("В стадии ликвидации", "liquidating"),
        ("Ликвидирована", "liquidated"),
        ("Прекратила деятельность при присоединении", "liquidated"),
        ("Недействующая организация", "liquidated"),
        ("В процессе реорганизации в форме присоединения", "reorganising"),
        ("Банкротство: конкурсное производство", "bankrupt"),
        ("Неизвестно", None),
    ],
)
def test_map_status(text: str, status: str | None) -> None:
    assert map_status(text) == status


def test_merge_conflicts_and_ties() -> None:
    records = [
        RegistryRecord("1234567890", "a", "2025-01-01", {"name": "А", "employees": "5"}),
        RegistryRecord("1234567890", "b", "2024-01-01", {"employees": "7", "revenue": "10"}),
        RegistryRecord("1234567890", "c", "2025-01-01", {"employees": "9"}),
        RegistryRecord("0987654321", "a", "2025-01-01", {}),
    ]
    result = merge_records(records)
    row = result.companies.set_index("inn").loc["1234567890"]
    assert row["employees"] == "9"  # a tie on the date: the later record wins
    assert row["revenue"] == "10" and row["name"] == "А"
    assert result.conflicts == 2 and result.records == 4
    empty = result.companies.set_index("inn").loc["0987654321"]
    assert (empty.drop("sources") == "").all()


PARTY = {
    "suggestions": [
        {
            "value": "ООО «РОГА И КОПЫТА»",
            "data": {
                "inn": "5404002997",
                "kpp": "540401001",
                "ogrn": "1155476004485",
                "name": {
                    "full_with_opf": "ОБЩЕСТВО «РОГА И КОПЫТА»",
                    "short_with_opf": "ООО «РиК»",
                },
                "opf": {"full": "Общество с ограниченной ответственностью"},
                "okved": "46.66",
                "okveds": [{"code": "46.66", "main": True}, {"code": "47.99", "main": False}],
                "address": {
                    "value": "г Новосибирск, ул Большая, д 256А",
                    "data": {"region_kladr_id": "5400000000000"},
                },
                "state": {
                    "status": "ACTIVE",
                    "registration_date": 1421971200000,
                    "actuality_date": 1761782400000,
                },
                "management": {"name": "Кириченко Татьяна Петровна", "post": "ДИРЕКТОР"},
                "employee_count": 14,
                "finance": {"revenue": 2500000.0},
                "documents": {"smb": {"category": "MICRO"}},
            },
        }
    ]
}


def test_dadata_client_cached_and_mapped(tmp_path: Path) -> None:
    requests: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        query = json.loads(request.content)["query"]
        return httpx.Response(200, json=PARTY if query == "5404002997" else {"suggestions": []})

    transport = httpx.MockTransport(handler)
    with CompanyLookup("secret", cache_dir=tmp_path, transport=transport, rate_limit=100) as api:
        record = api.find("5404002997")
        again = api.find("5404002997")
        missing = api.find("7707083893")
    assert record is not None and again == record and missing is None
    assert len(requests) == 2  # the repeated ИНН came from the cache
    assert requests[0].headers["Authorization"] == "Token secret"
    assert requests[0].url.path.endswith("/findById/party")
    values = record.values
    assert values["region"] == "54" and values["status"] == "active"
    assert values["registered"] == "2015-01-23" and record.as_of == "2025-10-30"
    assert values["okved_extra"] == "47.99" and values["employees"] == "14"
    assert values["revenue"] == "2500000" and values["msp_category"] == "micro"
    assert values["head_position"] == "ДИРЕКТОР"


def test_dadata_without_token_or_bad_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DADATA_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)  # no .env here
    with pytest.raises(AbmError, match="DADATA_TOKEN"):
        CompanyLookup(cache_dir=tmp_path)
    transport = httpx.MockTransport(lambda request: httpx.Response(403))
    with (
        CompanyLookup("bad", cache_dir=tmp_path, transport=transport) as api,
        pytest.raises(AbmError, match="отклонён"),
    ):
        api.find("5404002997")


def test_folders_read_only_fns_xml(shared_data: Path) -> None:
    """Derived tables beside the XML (egrul_companies.csv, …) must not override the register."""
    folder = read_registry([shared_data / "egrul-samples"])
    xml_only = read_registry([shared_data / "egrul-samples" / "xml"])
    assert folder.records == xml_only.records
    assert folder.companies.equals(xml_only.companies)


def test_crm_export_with_column_map(tmp_path: Path) -> None:
    crm = tmp_path / "bitrix_companies.csv"
    crm.write_text(
        "ID;Название компании;Реквизиты: ИНН;Кол-во сотрудников\n7;ООО «Ромашка»;7707083893;25\n",
        encoding="utf-8",
    )
    columns = {
        "реквизиты: инн": "inn",
        "Название компании": "name",
        "Кол-во сотрудников": "employees",
    }
    row = load_registry([crm], columns=columns).set_index("inn").loc["7707083893"]
    assert row["name"] == "ООО «Ромашка»" and row["employees"] == "25"
    assert row["sources"] == "export:bitrix_companies.csv"


def test_kontur_style_headers_okved_in_words_and_region_from_address(tmp_path: Path) -> None:
    path = tmp_path / "focus.csv"
    path.write_text(
        "ИНН;Наименование;Основной вид деятельности;Адрес;Численность сотрудников, чел.\n"
        "5404002997;ООО «СИБИРЬСВЯЗЬМАРКЕТ»;Торговля оптовая прочей офисной техникой (46.66);"
        "630032, Новосибирская обл., г. Новосибирск, ул. Большая, д. 256А;7\n",
        encoding="utf-8",
    )
    row = load_registry([path]).set_index("inn").loc["5404002997"]
    assert row["okved"] == "46.66" and row["region"] == "54" and row["employees"] == "7"
    assert row["name"] == "ООО «СИБИРЬСВЯЗЬМАРКЕТ»" and row["short_name"] == ""
