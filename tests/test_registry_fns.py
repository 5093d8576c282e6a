"""ФНС open-data readers on the real samples in ../shared/data, compared with the XML itself."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from abmresearch.collect.registry import COMPANY_COLUMNS, load_registry, read_registry
from abmresearch.collect.registry.fns import detect_kind, iter_fns_records
from abmresearch.errors import InputError


@pytest.fixture(scope="module")
def egrul_dir(shared_data: Path) -> Path:
    return shared_data / "egrul-samples" / "xml"


@pytest.fixture(scope="module")
def egrul(egrul_dir: Path) -> pd.DataFrame:
    return load_registry([egrul_dir]).set_index("inn")


@pytest.fixture(scope="module")
def reference(shared_data: Path) -> pd.DataFrame:
    """The sample's flat CSV, derived from the same XML by a plain walk (see SOURCE.md)."""
    frame = pd.read_csv(
        shared_data / "egrul-samples" / "egrul_companies.csv", dtype=str, keep_default_na=False
    )
    # An ИНН present in two documents may differ between them; compare the single ones.
    return frame.drop_duplicates("inn", keep=False).set_index("inn")


def test_egrul_one_row_per_inn_with_contract_columns(
    egrul_dir: Path, egrul: pd.DataFrame, reference: pd.DataFrame
) -> None:
    assert list(egrul.reset_index().columns) == list(COMPANY_COLUMNS)
    assert set(reference.index) <= set(egrul.index)
    assert egrul.index.is_unique
    legal, individual = set(), set()
    for path in egrul_dir.glob("*.xml"):
        root = ElementTree.parse(path).getroot()
        legal |= {unit.get("ИНН") for unit in root.iter("СвЮЛ")}
        individual |= {unit.get("ИННФЛ") for unit in root.iter("СвИП")}
    assert len(legal) == 435  # 498 documents
    assert set(egrul.index) == legal | individual


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        ("ogrn", "ogrn"),
        ("kpp", "kpp"),
        ("name", "name_full"),
        ("short_name", "name_short"),
        ("legal_form", "opf_name"),
        ("okved", "okved_main"),
        ("okved_extra", "okved_extra"),
        ("region", "region_code"),
        ("registered", "ogrn_date"),
        ("head_inn", "head_inn"),
        ("head_position", "head_position"),
    ],
)
def test_egrul_fields_match_reference(
    egrul: pd.DataFrame, reference: pd.DataFrame, ours: str, theirs: str
) -> None:
    merged = egrul.loc[reference.index, ours]
    expected = reference[theirs].str.split().str.join(" ")
    mismatched = merged[merged != expected]
    assert mismatched.empty, mismatched.head().to_dict()


def test_egrul_head_name_and_status(egrul: pd.DataFrame, reference: pd.DataFrame) -> None:
    fio = (
        reference[["head_surname", "head_name", "head_patronymic"]]
        .agg(" ".join, axis=1)
        .str.split()
        .str.join(" ")
    )
    assert (egrul.loc[reference.index, "head_name"] == fio).all()
    # Terminated entities are «liquidated»; no status record → «active».
    terminated = reference.index[reference["terminated"] == "1"]
    assert len(terminated) > 0
    assert (egrul.loc[terminated, "status"] == "liquidated").all()
    no_status = reference.index[(reference["status"] == "") & (reference["terminated"] == "0")]
    assert (egrul.loc[no_status, "status"] == "active").all()
    assert set(egrul["status"]) <= {
        "active",
        "liquidating",
        "liquidated",
        "bankrupt",
        "reorganising",
    }


def test_egrul_values_read_straight_from_xml(egrul_dir: Path, egrul: pd.DataFrame) -> None:
    """Check against the XML with the stdlib DOM parser, independently of the reference CSV."""
    path = egrul_dir / "VO_RUGFO_0000_9965_20251105_9461e1d5-bbb8-4659-8e86-91fc9dfd2e64.xml"
    root = ElementTree.parse(path).getroot()
    units = root.findall("Документ/СвЮЛ")
    assert len(units) == 2
    for unit in units:
        row = egrul.loc[unit.get("ИНН")]
        assert row["ogrn"] == unit.get("ОГРН") and row["kpp"] == unit.get("КПП")
        assert row["name"] == unit.find("СвНаимЮЛ").get("НаимЮЛПолн")
        address = unit.find("СвАдресЮЛ/АдресРФ")
        if address is not None:
            assert row["region"] == address.get("КодРегион")
            assert row["address"].startswith(address.get("Индекс"))
        main = unit.find("СвОКВЭД/СвОКВЭДОсн")
        assert row["okved"] == main.get("КодОКВЭД")
        person = unit.find("СведДолжнФЛ/СвФЛ")
        assert row["head_inn"] == person.get("ИННФЛ")
    svetoch = egrul.loc["7842159080"]
    assert svetoch["short_name"] == 'АНО ДПО ЦМП "СВЕТОЧ"'
    assert svetoch["status"] == "liquidating"  # 105: решение о предстоящем исключении
    assert (
        svetoch["address"] == "192007, Г.САНКТ-ПЕТЕРБУРГ, УЛ. ТАМБОВСКАЯ, Д. 16, ЛИТЕР А, ОФИС 8"
    )
    assert svetoch["head_name"] == "МУХАНОВА СВЕТЛАНА НИКОЛАЕВНА"


def test_egrip_individual_entrepreneur(egrul_dir: Path, egrul: pd.DataFrame) -> None:
    path = egrul_dir / "VO_RIGFO_0000_9965_20240802_0b5d8f51-3f21-40bf-b734-9e57efe34541.xml"
    root = ElementTree.parse(path).getroot()
    first = root.find("Документ/СвИП")
    row = egrul.loc[first.get("ИННФЛ")]
    fio = first.find("СвФЛ/ФИОРус")
    assert row["head_name"] == f"{fio.get('Фамилия')} {fio.get('Имя')} {fio.get('Отчество')}"
    assert row["ogrn"] == first.get("ОГРНИП")
    assert row["legal_form"] == "Индивидуальный предприниматель"
    assert row["okved"] == first.find("СвОКВЭД/СвОКВЭДОсн").get("КодОКВЭД")
    assert row["region"] == first.find("СвАдрМЖ/АдресРФ").get("КодРегион")
    stopped = [u.get("ИННФЛ") for u in root.iter("СвИП") if u.find("СвПрекращ") is not None]
    assert stopped and (egrul.loc[stopped, "status"] == "liquidated").all()


def _zip_reference(archive: Path, attribute_path: str) -> dict[str, str]:
    """ИНН → an attribute of each Документ, read with the stdlib parser from the archive."""
    element_path, attribute = attribute_path.rsplit("@", 1)
    values: dict[str, str] = {}
    with zipfile.ZipFile(archive) as handle:
        for member in handle.namelist():
            root = ElementTree.fromstring(handle.read(member))
            for document in root.iter("Документ"):
                payer = document.find("СведНП")
                node = document.find(element_path)
                if payer is not None and node is not None:
                    values[payer.get("ИННЮЛ")] = node.get(attribute)
    return values


def test_employees_and_revenue_from_zips(shared_data: Path) -> None:
    base = shared_data / "fns-opendata-samples"
    frame = load_registry([base / "employees", base / "revenue-expenses"]).set_index("inn")
    employees = _zip_reference(base / "employees" / "data-test-empl-2.zip", "СведССЧР@КолРаб")
    assert len(employees) == 2700
    assert all(frame.loc[inn, "employees"] == value for inn, value in employees.items())
    revenue = _zip_reference(
        base / "revenue-expenses" / "data-test-revexp-1.zip", "СведДохРасх@СумДоход"
    )
    for inn, value in revenue.items():
        assert float(frame.loc[inn, "revenue"]) == float(value)
    assert frame.loc["7727341398", "revenue"] == "8831000"  # «8831000.00» in the XML
    assert frame.attrs["records"] == 2709 + 3495
    # Nothing invented: ССЧР/revenue files say nothing about ОГРН or status.
    assert (frame["ogrn"] == "").all() and (frame["status"] == "").all()


def test_msp_register(shared_data: Path) -> None:
    base = shared_data / "fns-opendata-samples"
    frame = load_registry([base / "msp" / "data-test-sme-1.zip"]).set_index("inn")
    reference = pd.read_csv(base / "msp_legal_entities.csv", dtype=str, keep_default_na=False)
    reference = reference.set_index("inn")
    categories = {"1": "micro", "2": "small", "3": "medium"}
    rows = frame.loc[reference.index]
    assert (rows["msp_category"] == reference["msp_category"].map(categories)).all()
    assert (rows["region"] == reference["region_code"]).all()
    assert (rows["okved"] == reference["okved_main"]).all()
    assert (rows["okved_extra"] == reference["okved_extra"]).all()
    assert (rows["short_name"] == reference["name_short"].str.split().str.join(" ")).all()
    assert (frame.index.str.len() == 12).sum() == 2056  # the ИП of the same files


def test_detect_kind_of_every_sample(shared_data: Path, egrul_dir: Path) -> None:
    kinds = {detect_kind(p.read_bytes()[:4096]) for p in egrul_dir.glob("*.xml")}
    assert kinds == {"egrul", "egrip"}
    with zipfile.ZipFile(
        shared_data / "fns-opendata-samples" / "msp" / "data-test-sme-2.zip"
    ) as z:
        name = z.namelist()[0]
        assert detect_kind(z.read(name)[:4096]) == "msp"
        with z.open(name) as stream:
            records = list(iter_fns_records(stream, "msp", source="msp:x"))
        assert len(records) == 900 and all(len(r.inn) == 12 for r in records)


def test_bad_inputs_are_one_line_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="не найдены"):
        read_registry([tmp_path / "nope.xml"])
    broken = tmp_path / "broken.xml"
    broken.write_bytes(
        '<?xml version="1.0" encoding="utf-8"?><Файл ТипИнф="ЕГРЮЛ_ОТКР_СВЕД">'
        "<Документ><СвЮЛ ИНН='1'>".encode()
    )
    with pytest.raises(InputError, match="XML повреждён"):
        read_registry([broken])
    other = tmp_path / "other.xml"
    other.write_text("<root/>", encoding="utf-8")
    with pytest.raises(InputError, match="ТипИнф"):
        read_registry([other])
    fake_zip = tmp_path / "fake.zip"
    fake_zip.write_text("not a zip", encoding="utf-8")
    with pytest.raises(InputError, match="ZIP"):
        read_registry([fake_zip])
    text = tmp_path / "notes.md"
    text.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="неизвестный формат"):
        read_registry([text])


def test_registration_before_2002_and_statuses(tmp_path: Path) -> None:
    """Hand-made ЕГРЮЛ documents in the real layout: СвРегСтарые and status codes."""
    documents = [
        (
            '<СвОбрЮЛ ОГРН="1027700000001" ДатаОГРН="2002-10-01">'
            '<СвРегСтарые РегНом="123" ДатаРег="1994-03-15"/></СвОбрЮЛ>',
            "",
            "active",
        ),
        ('<СвСтатус><СвСтатус КодСтатусЮЛ="117"/></СвСтатус>', "", "bankrupt"),
        ('<СвСтатус><СвСтатус КодСтатусЮЛ="131"/></СвСтатус>', "", "reorganising"),
        ('<СвСтатус><СвСтатус КодСтатусЮЛ="101"/></СвСтатус>', "", "liquidating"),
        ('<СвСтатус><СвСтатус КодСтатусЮЛ="112"/></СвСтатус>', "", "active"),
        ("", '<СвПрекрЮЛ ДатаПрекрЮЛ="2024-01-01"/>', "liquidated"),
    ]
    body = "".join(
        f'<Документ><СвЮЛ ИНН="77000000{n:02d}" ОГРН="1" ДатаОГРН="2002-10-01" '
        f'ДатаВып="2025-01-01">{inner}{end}</СвЮЛ></Документ>'
        for n, (inner, end, _) in enumerate(documents)
    )
    path = tmp_path / "egrul.xml"
    path.write_bytes(
        (
            '<?xml version="1.0" encoding="windows-1251"?>'
            f'<Файл ТипИнф="ЕГРЮЛ_ОТКР_СВЕД">{body}</Файл>'
        ).encode("cp1251")
    )
    frame = load_registry([path]).set_index("inn")
    assert frame.loc["7700000000", "registered"] == "1994-03-15"
    assert frame.loc["7700000001", "registered"] == "2002-10-01"
    assert list(frame["status"]) == [status for _, _, status in documents]
