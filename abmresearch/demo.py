"""The fictional demo segment: companies, contacts, registry and news, generated offline.

Everything is invented but shaped like the real thing: ИНН and ОГРН with correct checksums,
ФИО with patronymics and gender agreement (declined by pymorphy3 in the news), positions from
the vocabulary, phones in the notations people type, and the defects real CRM exports carry
(wrong checksums, duplicates, aliases instead of titles, Latin lookalike letters, Kazakhstan
numbers, two numbers in one cell…). The generator is deterministic for a given seed.
"""

from __future__ import annotations

import datetime as dt
import os
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
from stdnum.ru import inn as stdnum_inn

from abmresearch.config import PROJECT_ROOT
from abmresearch.demo_site import write_site
from abmresearch.io import write_jsonl, write_table

__all__ = [
    "DEMO_CONFIG",
    "DemoData",
    "generate_companies",
    "generate_contacts",
    "generate_demo",
    "generate_news",
    "make_inn",
    "make_ogrn",
    "run_demo",
    "write_demo",
]

DEMO_CONFIG = PROJECT_ROOT / "config" / "segments" / "demo.yaml"
SEGMENTS = ("общестрой", "интерьерные работы", "алмазная резка")

# Fictional people: first name (m), its patronymic forms, and female first names.
_MALE = [
    ("Иван", "Иванович", "Ивановна"),
    ("Пётр", "Петрович", "Петровна"),
    ("Сергей", "Сергеевич", "Сергеевна"),
    ("Алексей", "Алексеевич", "Алексеевна"),
    ("Дмитрий", "Дмитриевич", "Дмитриевна"),
    ("Андрей", "Андреевич", "Андреевна"),
    ("Михаил", "Михайлович", "Михайловна"),
    ("Николай", "Николаевич", "Николаевна"),
    ("Владимир", "Владимирович", "Владимировна"),
    ("Олег", "Олегович", "Олеговна"),
    ("Юрий", "Юрьевич", "Юрьевна"),
    ("Илья", "Ильич", "Ильинична"),
    ("Константин", "Константинович", "Константиновна"),
    ("Виктор", "Викторович", "Викторовна"),
    ("Павел", "Павлович", "Павловна"),
    ("Артём", "Артёмович", "Артёмовна"),
    ("Григорий", "Григорьевич", "Григорьевна"),
    ("Тимур", "Тимурович", "Тимуровна"),
    ("Роман", "Романович", "Романовна"),
    ("Евгений", "Евгеньевич", "Евгеньевна"),
]
_FEMALE = [
    "Анна",
    "Елена",
    "Ольга",
    "Наталья",
    "Татьяна",
    "Ирина",
    "Мария",
    "Светлана",
    "Юлия",
    "Екатерина",
    "Марина",
    "Ксения",
    "Дарья",
    "Алина",
    "Вера",
    "Людмила",
]
# Surname (m) and its feminine form; some do not decline («Шевчук», «Дурново»).
_SURNAMES = [
    ("Кузнецов", "Кузнецова"),
    ("Смирнов", "Смирнова"),
    ("Волков", "Волкова"),
    ("Соколов", "Соколова"),
    ("Лебедев", "Лебедева"),
    ("Морозов", "Морозова"),
    ("Новиков", "Новикова"),
    ("Фёдоров", "Фёдорова"),
    ("Орлов", "Орлова"),
    ("Зайцев", "Зайцева"),
    ("Белоусов", "Белоусова"),
    ("Тихомиров", "Тихомирова"),
    ("Громов", "Громова"),
    ("Абдурахманов", "Абдурахманова"),
    ("Каримов", "Каримова"),
    ("Гусейнов", "Гусейнова"),
    ("Шевчук", "Шевчук"),
    ("Коваленко", "Коваленко"),
    ("Полянский", "Полянская"),
    ("Вишневский", "Вишневская"),
    ("Троицкий", "Троицкая"),
    ("Родионов", "Родионова"),
    ("Мельников", "Мельникова"),
    ("Ершов", "Ершова"),
    ("Калинин", "Калинина"),
    ("Сорокин", "Сорокина"),
    ("Ильин", "Ильина"),
    ("Баранов", "Баранова"),
    ("Тарасов", "Тарасова"),
    ("Данилов", "Данилова"),
]
_STEMS = [
    "СтройМонтаж",
    "АлмазТех",
    "ИнтерьерПро",
    "БетонСервис",
    "ГранитСтрой",
    "Вектор",
    "Квадрат",
    "Монолит",
    "СтройИнвест",
    "ТехноРез",
    "Эталон",
    "Основа",
    "Прогресс",
    "Горизонт",
    "Стройресурс",
    "Капитель",
    "Фасад-Мастер",
    "Отделка Плюс",
    "Союз",
    "Меридиан",
    "Арсенал",
    "Профиль",
    "Северный Дом",
    "Уралстрой",
    "Волга-Бетон",
    "Сибирский Камень",
    "Алмазное Сверление",
    "Резка Бетона",
    "Новый Город",
    "Лофт Дизайн",
]
_SUFFIXES = ["", "", "", "-Восток", "-Запад", " Групп", "-М", " Регион", "-Инжиниринг", "-Юг"]
_LEGAL = [("ООО", "ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ")] * 6 + [
    ("АО", "АКЦИОНЕРНОЕ ОБЩЕСТВО"),
    ("ПАО", "ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО"),
]
# Region code, city, phone area codes.
_REGIONS = [
    ("77", "Москва", ("495", "499")),
    ("78", "Санкт-Петербург", ("812",)),
    ("50", "Подольск", ("496",)),
    ("54", "Новосибирск", ("383",)),
    ("66", "Екатеринбург", ("343",)),
    ("16", "Казань", ("843",)),
    ("52", "Нижний Новгород", ("831",)),
    ("23", "Краснодар", ("861",)),
]
_OKVED = {
    "общестрой": ("41.20", "43.99"),
    "интерьерные работы": ("43.31", "43.32", "43.33", "43.34", "43.39"),
    "алмазная резка": ("43.99", "43.12", "25.73"),
}
_MOBILE = ("916", "903", "905", "915", "925", "926", "977", "985", "999", "921", "913")
_TRANSLIT = str.maketrans(
    {
        "а": "a",
        "б": "b",
        "в": "v",
        "г": "g",
        "д": "d",
        "е": "e",
        "ё": "e",
        "ж": "zh",
        "з": "z",
        "и": "i",
        "й": "y",
        "к": "k",
        "л": "l",
        "м": "m",
        "н": "n",
        "о": "o",
        "п": "p",
        "р": "r",
        "с": "s",
        "т": "t",
        "у": "u",
        "ф": "f",
        "х": "kh",
        "ц": "ts",
        "ч": "ch",
        "ш": "sh",
        "щ": "shch",
        "ъ": "",
        "ы": "y",
        "ь": "",
        "э": "e",
        "ю": "yu",
        "я": "ya",
        " ": "-",
        "«": "",
        "»": "",
    }
)
# Positions a construction-segment contact holds, with weights (titles of the vocabulary).
_POSITIONS = [
    ("Генеральный директор", 8),
    ("Директор", 4),
    ("Главный инженер", 7),
    ("Начальник участка", 6),
    ("Прораб", 9),
    ("Сметчик", 6),
    ("Инженер ПТО", 5),
    ("Начальник отдела снабжения", 5),
    ("Менеджер по закупкам", 5),
    ("Технический директор", 3),
    ("Коммерческий директор", 3),
    ("Главный бухгалтер", 2),
    ("Мастер", 4),
    ("Руководитель проекта", 3),
    ("Заместитель генерального директора по строительству", 2),
    ("Снабженец", 3),
    ("Инженер", 3),
    ("Бригадир", 2),
]
# What people type instead of the titles above.
_ALIASES = {
    "Главный инженер": "гл. инженер",
    "Генеральный директор": "гендиректор",
    "Начальник участка": "нач. участка",
    "Инженер ПТО": "инженер производственно-технического отдела",
    "Менеджер по закупкам": "закупщик",
    "Технический директор": "техдир",
}


def make_inn(rng: random.Random, region: str) -> str:
    """A 10-digit company ИНН of ``region`` with a correct check digit."""
    body = region + f"{rng.randint(1, 99):02d}" + f"{rng.randint(0, 99999):05d}"
    return body + stdnum_inn.calc_company_check_digit(body)


def make_ogrn(rng: random.Random, region: str, year: int) -> str:
    """A 13-digit ОГРН (legal entity) of ``region`` registered in ``year``."""
    body = (
        "1"
        + f"{year % 100:02d}"
        + region
        + f"{rng.randint(1, 99):02d}"
        + f"{rng.randint(0, 99999):05d}"
    )
    check = str(int(body) % 11 % 10)
    return body + check


@dataclass(frozen=True)
class DemoData:
    """The demo segment's inputs."""

    companies: pd.DataFrame
    contacts: pd.DataFrame
    registry: pd.DataFrame
    news: list[dict[str, str]]


def _company_name(rng: random.Random, used: set[str]) -> str:
    while True:
        name = rng.choice(_STEMS) + rng.choice(_SUFFIXES)
        if name not in used:
            used.add(name)
            return name


def generate_companies(n: int = 60, *, seed: int = 7, defects: bool = True) -> pd.DataFrame:
    """Fictional companies of the three demo segments.

    Args:
        n: how many companies.
        seed: random seed.
        defects: plant realistic defects (≈ 6 % of rows).

    Returns:
        Columns company_id, name, inn, segment, employees, and the registry fields ogrn,
        legal_form, full_name, region, city, okved, registered (text).
    """
    rng = random.Random(seed)
    used: set[str] = set()
    rows = []
    for index in range(n):
        region, city, _ = rng.choice(_REGIONS)
        short, full = rng.choice(_LEGAL)
        stem = (
            _company_name(rng, used) if n <= len(_STEMS) * 8 else f"{rng.choice(_STEMS)} {index}"
        )
        segment = rng.choice(SEGMENTS)
        year = rng.randint(2003, 2023)
        employees = max(1, int(rng.lognormvariate(3.3, 0.9)))
        rows.append(
            {
                "company_id": f"C{index + 1:05d}",
                "name": f"{short} «{stem}»",
                "inn": make_inn(rng, region),
                "segment": segment,
                "employees": str(employees),
                "ogrn": make_ogrn(rng, region, year),
                "legal_form": short,
                "full_name": f'{full} "{stem.upper()}"',
                "region": region,
                "city": city,
                "okved": rng.choice(_OKVED[segment]),
                "registered": dt.date(year, rng.randint(1, 12), rng.randint(1, 28)).isoformat(),
            }
        )
    if defects:
        _company_defects(rows, rng)
    return pd.DataFrame(rows)


def _company_defects(rows: list[dict[str, str]], rng: random.Random) -> None:
    n = len(rows)
    picks = rng.sample(range(n), k=max(8, n // 4))
    kinds = [
        "checksum",
        "duplicate",
        "employees",
        "segment_case",
        "segment_typo",
        "inn_space",
        "employees_float",
        "empty_inn",
    ]
    for row, kind in zip(picks, kinds * (len(picks) // len(kinds) + 1), strict=False):
        inn = rows[row]["inn"]
        if kind == "checksum":
            rows[row]["inn"] = inn[:-1] + str((int(inn[-1]) + 1) % 10)
        elif kind == "duplicate":
            rows[row]["inn"] = rows[(row + 1) % n]["inn"]
        elif kind == "employees":
            rows[row]["employees"] = rng.choice(["50-100", "около 20", "0"])
        elif kind == "segment_case":
            rows[row]["segment"] = rows[row]["segment"].upper() + "\u00a0"
        elif kind == "segment_typo":
            rows[row]["segment"] = "общестрой " + "и ремонт"
        elif kind == "inn_space":
            rows[row]["inn"] = inn[:4] + " " + inn[4:]
        elif kind == "employees_float":
            rows[row]["employees"] = rows[row]["employees"] + ".0"
        elif kind == "empty_inn":
            rows[row]["inn"] = ""


def _phone(rng: random.Random, area_codes: tuple[str, ...]) -> str:
    mobile = rng.random() < 0.6
    code = rng.choice(_MOBILE) if mobile else rng.choice(area_codes)
    digits = f"{rng.randint(200, 999)}{rng.randint(0, 9999):04d}"
    a, b, c = digits[:3], digits[3:5], digits[5:]
    style = rng.randrange(9)
    return [
        f"+7 ({code}) {a}-{b}-{c}",
        f"8 {code} {a} {b} {c}",
        f"8({code}){a}{b}{c}",
        f"+7{code}{a}{b}{c}",
        f"{code}-{a}-{b}-{c}",
        f"7 {code} {a}-{b}-{c}",
        f"+7 {code} {a}-{b}-{c} доб. {rng.randint(100, 999)}",
        f"8-{code}-{a}-{b}-{c}",
        f"+7 {code} {a} {b}{c}",
    ][style]


def _email(rng: random.Random, first: str, last: str, domain: str) -> str:
    first_l, last_l = first.lower().translate(_TRANSLIT), last.lower().translate(_TRANSLIT)
    local = rng.choice(
        [
            f"{first_l[0]}.{last_l}",
            f"{last_l}",
            f"{first_l}.{last_l}",
            f"{last_l}{rng.randint(1, 99)}",
        ]
    )
    return f"{local}@{domain}"


def _person(rng: random.Random) -> tuple[str, str, str, str]:
    first_m, _, _ = rng.choice(_MALE)
    surname_m, surname_f = rng.choice(_SURNAMES)
    if rng.random() < 0.35:
        return surname_f, rng.choice(_FEMALE), rng.choice(_MALE)[2], "f"
    return surname_m, first_m, rng.choice(_MALE)[1], "m"


def generate_contacts(
    companies: pd.DataFrame,
    *,
    seed: int = 11,
    per_company: tuple[int, int] = (2, 6),
    defects: bool = True,
) -> pd.DataFrame:
    """Fictional contacts of ``companies``: ФИО, positions, emails and phones.

    Args:
        companies: from :func:`generate_companies`.
        seed: random seed.
        per_company: min and max contacts per company.
        defects: plant realistic defects (≈ 3 % of cells).

    Returns:
        Columns contact_id, company_id, last_name, first_name, middle_name, gender,
        position, email, phone.
    """
    rng = random.Random(seed)
    titles = [title for title, _ in _POSITIONS]
    weights = [weight for _, weight in _POSITIONS]
    area = {code: areas for code, _, areas in _REGIONS}
    rows: list[dict[str, str]] = []
    for company in companies.itertuples():
        domain = str(company.name).split("«")[-1].rstrip("»").lower().translate(_TRANSLIT) + ".ru"
        if rng.random() < 0.08:
            domain = "стройка-" + str(company.company_id)[-3:].lstrip("0") + ".рф"
        count = rng.randint(*per_company)
        chosen = rng.choices(titles, weights=weights, k=count)
        if rng.random() < 0.7 and "Генеральный директор" not in chosen:
            chosen[0] = "Генеральный директор"
        for title in chosen:
            last, first, middle, gender = _person(rng)
            rows.append(
                {
                    "contact_id": f"P{len(rows) + 1:06d}",
                    "company_id": str(company.company_id),
                    "last_name": last,
                    "first_name": first,
                    "middle_name": middle,
                    "gender": gender,
                    "position": title,
                    "email": _email(rng, first, last, domain),
                    "phone": _phone(rng, area.get(str(company.region), ("495",))),
                }
            )
    if defects:
        _contact_defects(rows, rng)
    return pd.DataFrame(rows)


def _contact_defects(rows: list[dict[str, str]], rng: random.Random) -> None:
    n = len(rows)
    kinds = [
        "alias",
        "alias",
        "no_patronymic",
        "latin_letter",
        "bad_email",
        "kz_phone",
        "two_phones",
        "phone_text",
        "upper_name",
        "free_position",
        "email_mailto",
        "bad_phone",
    ]
    picks = rng.sample(range(n), k=min(n, max(len(kinds), n // 3)))
    for row, kind in zip(picks, kinds * (len(picks) // len(kinds) + 1), strict=False):
        if kind == "alias":
            alias = _ALIASES.get(rows[row]["position"])
            rows[row]["position"] = alias or "гл. инженер"
        elif kind == "no_patronymic":
            rows[row]["middle_name"] = ""
        elif kind == "latin_letter":
            rows[row]["last_name"] = (
                rows[row]["last_name"].replace("о", "o", 1).replace("а", "a", 1)
            )
        elif kind == "bad_email":
            rows[row]["email"] = rows[row]["email"].replace("@", "@@", 1)
        elif kind == "kz_phone":
            rows[row]["phone"] = f"+7 701 {rng.randint(200, 999)} {rng.randint(1000, 9999)}"
        elif kind == "two_phones":
            rows[row]["phone"] = rows[row]["phone"] + ", " + _phone(rng, ("495",))
        elif kind == "phone_text":
            rows[row]["phone"] = (
                "моб. " + rows[row]["phone"] + " (" + rows[row]["first_name"] + ")"
            )
        elif kind == "upper_name":
            rows[row]["last_name"] = rows[row]["last_name"].upper()
        elif kind == "free_position":
            rows[row]["position"] = rng.choice(["отвечает за закупки", "ответственный по объекту"])
        elif kind == "email_mailto":
            rows[row]["email"] = "mailto:" + rows[row]["email"]
        elif kind == "bad_phone":
            rows[row]["phone"] = "123-45"


@cache
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _inflect(word: str, case: str, gender: str, kind: str) -> str:
    """Decline a name part (``kind``: Surn, Name, Patr) with pymorphy3, keeping undeclinables."""
    morph = _morph()
    want = "masc" if gender == "m" else "femn"
    parses = [
        p
        for p in morph.parse(word)
        if kind in p.tag and "nomn" in p.tag and (p.tag.gender in (want, None) or "Ms-f" in p.tag)
    ]
    if not parses:
        return word
    inflected = parses[0].inflect({case})
    if inflected is None:
        return word
    out: str = inflected.word
    return out[:1].upper() + out[1:]


def _decline(last: str, first: str, middle: str, gender: str, case: str) -> str:
    return " ".join(
        (
            _inflect(first, case, gender, "Name"),
            _inflect(middle, case, gender, "Patr"),
            _inflect(last, case, gender, "Surn"),
        )
    )


_NEWS = [
    (
        "nomn",
        "{position_cap} {company} {person} рассказал{a} о планах компании на следующий год: "
        "в работе {n} объектов в городе {city}.",
    ),
    (
        "nomn",
        "На должность «{position}» в {company} назначен{a} {person_nomn}. Ранее обязанности "
        "исполнял{a} {person_short}.",
    ),
    (
        "nomn",
        "«Мы закупили новое оборудование для алмазной резки бетона», — сказал{a} {person}, "
        "{position} {company}.",
    ),
    (
        "datv",
        "Благодарность за объект вручили {person}, котор{ya} занимает пост «{position}» в "
        "{company}.",
    ),
    ("ablt", "Договор подписан с {person} ({position} {company}) на площадке в городе {city}."),
    (
        "nomn",
        "{person} возглавил{a} {company}: совет директоров утвердил {person_short} в "
        "должности «{position}».",
    ),
]


def generate_news(
    companies: pd.DataFrame, contacts: pd.DataFrame, *, n: int = 36, seed: int = 5
) -> list[dict[str, str]]:
    """Short news items about the demo companies and their people (for ``abm extract``).

    Args:
        companies: from :func:`generate_companies`.
        contacts: from :func:`generate_contacts`.
        n: how many items.
        seed: random seed.

    Returns:
        Objects with id, title, text, url, date, and the gold ``person`` (nominative) and
        ``position`` of the item, so the extraction can be checked on the demo.
    """
    rng = random.Random(seed)
    by_company = companies.set_index("company_id")
    clean = contacts[contacts["middle_name"].str.len() > 0]
    items = []
    start = dt.date(2026, 9, 1)
    for index in range(n):
        contact = clean.iloc[rng.randrange(len(clean))]
        company = by_company.loc[contact["company_id"]]
        case, template = _NEWS[index % len(_NEWS)]
        gender = str(contact["gender"])
        person_nomn = f"{contact['first_name']} {contact['middle_name']} {contact['last_name']}"
        person = _decline(
            contact["last_name"], contact["first_name"], contact["middle_name"], gender, case
        )
        position = str(contact["position"]).lower()
        short_case = "accs" if "утвердил" in template else "nomn"
        text = template.format(
            position_cap=position[:1].upper() + position[1:],
            position=position,
            company=company["name"],
            person=person,
            person_nomn=person_nomn,
            person_short=f"{contact['first_name'][0]}. {contact['middle_name'][0]}. "
            + _inflect(contact["last_name"], short_case, gender, "Surn"),
            a="а" if gender == "f" else "",
            ya="ая" if gender == "f" else "ый",
            n=rng.randint(2, 12),
            city=company["city"],
        )
        date = start + dt.timedelta(days=index * 2)
        items.append(
            {
                "id": f"demo-news-{index + 1:03d}",
                "title": f"Новости отрасли: {company['name']}",
                "text": text,
                "url": f"https://demo.example/news/{index + 1}",
                "date": date.isoformat(),
                "person": person_nomn,
                "position": position,
                "company_id": str(contact["company_id"]),
            }
        )
    return items


def generate_demo(*, seed: int = 7, companies: int = 60) -> DemoData:
    """All inputs of the demo segment.

    Args:
        seed: random seed (the same seed gives the same segment).
        companies: how many companies.
    """
    company_frame = generate_companies(companies, seed=seed)
    contact_frame = generate_contacts(company_frame, seed=seed + 4)
    clean = generate_companies(companies, seed=seed, defects=False)
    registry = clean.rename(columns={"name": "short_name", "full_name": "name"})[
        ["inn", "ogrn", "name", "short_name", "legal_form", "region", "okved", "registered"]
    ]
    news = generate_news(company_frame, contact_frame, seed=seed - 2)
    return DemoData(
        companies=company_frame[["company_id", "name", "inn", "segment", "employees"]],
        contacts=contact_frame.drop(columns=["gender"]),
        registry=registry,
        news=news,
    )


def write_demo(*, root: Path = PROJECT_ROOT, force: bool = False, seed: int = 7) -> Path:
    """Write the demo inputs to ``data/raw/demo/`` (once; ``force`` regenerates).

    The inputs are the CRM export (companies.csv, contacts.csv), a registry extract
    (registry.csv), the news as JSONL with gold people (news.jsonl) and as a website (site/,
    served by ``abm demo`` on 127.0.0.1 while the segment runs).

    Returns:
        The demo segment config, ``config/segments/demo.yaml`` (written if missing).
    """
    raw = root / "data" / "raw" / "demo"
    config_path = root / "config" / "segments" / "demo.yaml"
    if not config_path.exists():
        config_path.parent.mkdir(parents=True, exist_ok=True)
        config_path.write_text(_DEMO_YAML, encoding="utf-8")
    if force or not (raw / "companies.csv").exists():
        data = generate_demo(seed=seed)
        write_site(data.news, raw / "site", base_url="{{BASE_URL}}")
        write_table(data.registry, raw / "registry.csv")
        write_table(data.contacts, raw / "contacts.csv")
        write_jsonl(data.news, raw / "news.jsonl")
        write_table(data.companies, raw / "companies.csv")  # last: marks the set complete
    return config_path


def run_demo(*, root: Path = PROJECT_ROOT, force: bool = False, quiet: bool = False) -> Any:
    """Write the demo inputs, serve its news site on 127.0.0.1 and run the segment.

    Returns:
        The :class:`~abmresearch.pipeline.RunResult` of the run.
    """
    from abmresearch.collect import serve_fixture_site
    from abmresearch.pipeline import run_segment

    config_path = write_demo(root=root, force=force)
    site = root / "data" / "raw" / "demo" / "site"
    previous = os.environ.get("ABM_DEMO_SITE")
    with serve_fixture_site(site) as base_url:
        os.environ["ABM_DEMO_SITE"] = base_url  # the notebooks' kernels inherit it
        try:
            return run_segment(config_path, quiet=quiet)
        finally:
            if previous is None:
                os.environ.pop("ABM_DEMO_SITE", None)
            else:
                os.environ["ABM_DEMO_SITE"] = previous


_DEMO_YAML = """\
# The fictional demo segment (no real companies or people). Run it with `abm demo`: it serves
# data/raw/demo/site/ on 127.0.0.1 and sets ABM_DEMO_SITE to that address.
name: demo
title: "Демо: строительство и алмазная резка"
description: Вымышленный сегмент для проверки набора инструментов от начала до конца.
segments: [общестрой, интерьерные работы, алмазная резка]
inputs:
  companies: data/raw/demo/companies.csv
  contacts: data/raw/demo/contacts.csv
  registry: [data/raw/demo/registry.csv]
sources:
  - name: СтройВестник (демо)
    type: rss
    url: ${ABM_DEMO_SITE}/rss.xml
    rate_limit: 50
quality:
  threshold: 95
report:
  mask_personal: true
"""
