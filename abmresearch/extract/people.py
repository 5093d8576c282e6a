"""Person names: a ФИО as written → nominative last / first / middle name and gender.

Handles any of the six cases, surname-first order («Петров И. С.»), initials («И. С.
Петров»), patronymics including «-ич», «оглы», «кызы», feminine surnames that do not decline
(«Натальи Шевчук» → Шевчук) and rare surnames pymorphy3 only guesses. Part tagging uses
pymorphy3's Name / Surn / Patr tags and the packaged first-names lists (russiannames, BSD-3,
and the project's foreign names as Russian media write them: «Илон», «Карлос», «Сатья»).

The case is voted by the parts (a man's genitive and accusative count together; a guessed
surname weighs less than a dictionary word; readings of the other gender do not vote), then
kept to a case every known part can take («Мишель Обамы»). Between readings of a first name
the russiannames frequency and agreement with the surname decide («Юлию Савичеву» → Юлия);
between nominatives of an oblique surname the packaged russiannames surnames list («Ириной
Яровой» → Яровая, not Ярова). Foreign names no dictionary knows are read from their endings
(«Гарри Трумэна», «Джареду Кушнеру», «Бени Ганц» as written); a listed name with a case
ending is read back to it («Карлосу» → Карлос, «Опры» → Опра), and a woman's name that is also
a listed man's oblique form goes by the surname («Илона Маска» → Илон Маск, «Илона Маск»
stays hers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from abmresearch.extract._morph import inflect, is_known, parses
from abmresearch.extract._names import (
    first_name_count,
    first_name_gender,
    foreign_first_name_gender,
    surname_count,
)

__all__ = ["PersonName", "cyrillic_lookalikes", "one_person", "parse_person"]

_INITIAL = re.compile(r"^[A-ZА-ЯЁ]\.?$|^(?:[A-ZА-ЯЁ]\.){1,2}$|^[A-ZА-ЯЁ]\.-[A-ZА-ЯЁ]\.$")
_PATRONYMIC = re.compile(
    r"(ович|евич|ич|овна|евна|ична|инична)(а|у|ем|е|ом|ы|е|ой|у|ою)?$", re.IGNORECASE
)
_TURKIC = frozenset(["оглы", "кызы", "улы", "гызы", "уулу"])
_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_GENDER = {"m": "masc", "f": "femn"}
_PARTICLES = frozenset("де ван фон да дель ди ла ле бен бин аль эль ал ар ад ас ибн абу".split())  # noqa: SIM905
# East Asian names are written surname first («Ху Цзиньтао», «Ким Чен Ын»).
_ASIAN_SURNAMES = frozenset(
    "ху ким ли ван чжан чэнь ши пак мун хван си ян лю чжоу сунь ма го хэ лин цзян юнь чон "  # noqa: SIM905
    "хань жэнь лэй дэн гао линь ло лян сун тан фэн цай цао чжу юй пэн вэй сюй сяо чэн шэнь ду "
    "хоу цинь мэн бай дун юань тянь цзинь чой чо юн кан нам сон квон хон".split()
)


@dataclass(frozen=True)
class PersonName:
    """A person's name in the nominative, parts ``None`` when unknown."""

    last_name: str | None
    first_name: str | None
    middle_name: str | None
    gender: str | None  # "m", "f" or None
    surname_first: bool = False  # an East Asian name, written «Фамилия Имя» («Си Цзиньпин»)

    @property
    def full(self) -> str:
        """«Имя Отчество Фамилия» of the parts known («Фамилия Имя» for an East Asian name)."""
        parts = [self.first_name, self.middle_name, self.last_name]
        if self.surname_first:
            parts = [self.last_name, self.first_name]
        return " ".join(part for part in parts if part)


def _title_case(word: str) -> str:
    return "-".join(
        part[:1].upper() + part[1:].lower() if part else part for part in word.split("-")
    )


def _has(parse: Any, grammeme: str) -> bool:
    return grammeme in parse.tag


def _tag_parses(word: str, grammeme: str) -> list[Any]:
    """Singular parses of the word carrying ``grammeme`` (names are singular); for a name of
    the foreign list not the colloquial vocative of another («Илон!» of «Илона»: news write
    «Илон» for Илон Маск). Other words keep it, as before («Марин Ле Пен» stays hers)."""
    vocative = foreign_first_name_gender(word) is None
    return [
        p
        for p in parses(word.lower())
        if _has(p, grammeme) and p.tag.number != "plur" and (vocative or p.tag.case != "voct")
    ]


def _is_patronymic(word: str) -> bool:
    low = word.lower()
    if low in _TURKIC:
        return True
    if _tag_parses(low, "Patr"):
        return True
    return bool(_PATRONYMIC.search(low)) and len(low) > 6 and not _tag_parses(low, "Surn")


def _is_known_patronymic(word: str) -> bool:
    return word.lower() in _TURKIC or bool(_tag_parses(word, "Patr"))


def _first_name_score(word: str, *, foreign: bool = True) -> float:
    """How much the word looks like a first name (0 = not at all); ``foreign=False``: as if
    the foreign first-names list were not there."""
    low = word.lower()

    def listed(name: str) -> bool:
        return bool(first_name_gender(name)) and (foreign or not foreign_first_name_gender(name))

    if listed(low):
        return 2.0
    for parse in _tag_parses(low, "Name"):
        if listed(str(parse.normal_form)):
            return 1.5
    name_parses = _tag_parses(low, "Name")
    if name_parses and not _tag_parses(low, "Surn"):
        return 1.0
    return 0.5 if name_parses else 0.0


# A syllable of Chinese names in the Palladius spelling Russian media use («Цзинь-пин»,
# «Кэ-цян», «Гуан-цзюнь», «Чжэн-фэй»): an optional initial, then a final.
_PALLADIUS = re.compile(
    "(?:(?:цз|чж|ч|ш|ж|ц|с|б|п|м|ф|д|т|н|л|г|к|х|в|й)?"
    "(?:уань|юань|инь|ань|энь|унь|юнь|янь|ень|уан|ан|эн|ин|ун|юн|ян|ен|уай|ай|эй|ао|оу|уй|уа|"
    "юэ|эр|яо|ей|а|о|э|и|у|ы|ю|я|е|ь))+"
)


def _east_asian_given(word: str) -> bool:
    """A Chinese given name of Palladius syllables («Цзиньпин», «Кэцян») or a Korean syllable
    written apart («Чен Ын», «Мён Бак»: three letters at most). «Фишер», «Миллер» are not."""
    low = word.lower()
    if len(low) <= 3:
        return True
    stem = re.sub("(ом|ем|а|у|е|я|ю)$", "", low)  # «Цзиньпину», «Кэцяном», «Ыном»
    if 0 < len(stem) <= 3:
        return True
    return len(low) <= 11 and any(bool(_PALLADIUS.fullmatch(w)) for w in (low, stem) if w)


def _east_asian(words: list[str]) -> bool:
    """«Ху Цзиньтао», «Ким Чен Ын», «Си Цзиньпина»: a Chinese or Korean surname, then given
    names of Chinese or Korean syllables — surname first. «Ян Фишер» is a first name and a
    surname («Фишер» is no Chinese word)."""
    return (
        1 < len(words) <= 4
        and (words[0].lower() in _ASIAN_SURNAMES or _korean_oblique(words[0]) is not None)
        and all(_east_asian_given(word) for word in words[1:])
    )


# Korean surnames on a consonant decline as a man's («после смерти Кима Чен Ира», «с Кимом
# Чен Ыном»); only those whose oblique form is no common name of its own («Юна», «Сона» are).
_KOREAN_DECLINING = frozenset(["ким", "пак", "мун", "чон", "хван", "квон"])
_KOREAN_ENDINGS = (("ом", "ablt"), ("а", "gent"), ("у", "datv"), ("е", "loct"))


def _korean_oblique(word: str) -> tuple[str, str] | None:
    """(the surname, its case) of a declined Korean surname: «Кима» → («ким», «gent»)."""
    low = word.lower()
    for ending, case in _KOREAN_ENDINGS:
        if low.endswith(ending) and low[: -len(ending)] in _KOREAN_DECLINING:
            return low[: -len(ending)], case
    return None


# A man's given name on a consonant declines («Си Цзиньпина», «Ма Юню», «Ли Кэцяном»); the
# ending comes off when the context tells the case (or the instrumental «-ом/-ем», which no
# Chinese syllable ends with, tells it itself).
_CONSONANT = "бвгдзклмнпрстфхцжшчщ"
_ASIAN_ENDINGS: dict[str, tuple[tuple[str, str], ...]] = {
    "gent": ((f"(?<=[{_CONSONANT}])а", ""), ("(?<=[аоэиуыяеёю])я", "й"), ("я", "ь")),
    "accs": ((f"(?<=[{_CONSONANT}])а", ""), ("(?<=[аоэиуыяеёю])я", "й"), ("я", "ь")),
    "datv": ((f"(?<=[{_CONSONANT}])у", ""), ("(?<=[аоэиуыяеёю])ю", "й"), ("ю", "ь")),
    "ablt": ((f"(?<=[{_CONSONANT}])ом", ""), ("(?<=[аоэиуыяеёю])ем", "й"), ("ем", "ь")),
    "loct": ((f"(?<=[{_CONSONANT}])е", ""),),
}


def _east_asian_name(words: list[str], case: str | None) -> PersonName:
    """An East Asian name surname first: the surname as written, the given names joined («Чен
    Ын»), the last one back from an oblique case; a declined given name is a man's."""
    given = list(words[1:])
    surname = words[0]
    declined = _korean_oblique(surname) if surname.lower() not in _ASIAN_SURNAMES else None
    if declined is not None:
        surname, case = declined[0], case or declined[1]
    low = given[-1].lower()
    wanted = (
        case
        if case in _ASIAN_ENDINGS
        else ("ablt" if re.search("[^аоэиуыяеёю](ом|ем)$", low) else None)
    )
    gender = "m" if declined is not None else None
    for pattern, nominative in _ASIAN_ENDINGS.get(wanted or "", ()):
        stem = re.sub(f"{pattern}$", nominative, low)
        if stem != low and len(stem) >= 2 and _east_asian_given(stem):
            given[-1], gender = stem, "m"
            break
    return PersonName(
        _title_case(surname),
        " ".join(_title_case(word) for word in given),
        None,
        gender,
        surname_first=True,
    )


def _roles(words: list[str]) -> list[str]:
    """'F', 'L', 'P' or 'I' (initial) for each word."""
    roles = ["I" if _INITIAL.match(word) else "" for word in words]
    for index, word in enumerate(words):
        if not roles[index] and "" in roles[:index] and _is_patronymic(word):
            roles[index] = "P"
            if word.lower() in _TURKIC and index > 1 and not roles[index - 1]:
                roles[index - 1] = "P"  # «Гейдар оглы»
    patronymics = [
        i for i, role in enumerate(roles) if role == "P" and words[i].lower() not in _TURKIC
    ]
    if len(patronymics) >= 2 and not any(words[i].lower() in _TURKIC for i in range(len(words))):
        # «Иван Ильич Петкович»: one patronymic, the other «-ич» word is the surname
        for index in patronymics[1:]:
            roles[index] = ""
    if _east_asian(words) and not any(roles):
        return ["L"] + ["F"] * (len(words) - 1)
    if (
        len(words) == 2
        and roles == ["", "P"]
        and (not _is_known_patronymic(words[1]) or re.search(r"вич", words[1].lower()))
    ):
        roles[1] = ""  # «Иван Бозович»: a surname on -ович, not a patronymic
    free = [i for i, role in enumerate(roles) if not role]
    if len(free) == 1:
        index = free[0]
        others = [role for role in roles if role]
        if "P" in others and index < roles.index("P"):
            roles[index] = "F"  # «Иван Петрович», the surname is absent
        elif "I" in others or "P" in others:
            roles[index] = "L"
        else:
            roles[index] = (
                "F"
                if _first_name_score(words[index]) >= 1.5 and not _tag_parses(words[index], "Surn")
                else "L"
            )
    elif len(free) >= 2:
        scores = [_first_name_score(words[i]) for i in free]
        if "P" in roles:
            patronymic = roles.index("P")
            before = [i for i in free if i < patronymic]
            first = before[-1] if before else free[0]
        else:
            # «Имя Фамилия» unless the first word is clearly not a name and the second is
            # a Russian one («Петров Иван»: the surname first is the order of Russian
            # documents; «Рэнд Пол» is Rand Paul, «Пол» a surname there)
            first = free[0]
            if (
                len(free) == 2
                and scores[1] >= 1.5
                and scores[0] < 1.0
                and _first_name_score(words[free[1]], foreign=False) >= 1.5
            ):
                first = free[1]
        if len(free) > 2 and "P" not in roles and first == free[0]:
            # «Реджеп Тайип Эрдоган»: given names, then the surname
            for index in free[:-1]:
                roles[index] = "F"
            roles[free[-1]] = "L"
            return roles
        for index in free:
            roles[index] = "F" if index == first else "L"
    return roles


def _surname_parses(word: str) -> list[Any]:
    """Surname readings: «Surn», else a patronymic-looking surname's «Patr» («Станковичу»)."""
    return _tag_parses(word, "Surn") or [p for p in _tag_parses(word, "Patr") if _has(p, "masc")]


def _case_votes(words: list[str], roles: list[str], gender: str | None) -> dict[str, float]:
    votes: dict[str, float] = {}
    wanted = _GENDER.get(gender or "")
    for word, role in zip(words, roles, strict=True):
        grammeme = {"F": "Name", "P": "Patr", "L": "Surn"}.get(role)
        if grammeme is None or word.lower() in _TURKIC:
            continue
        readings = _surname_parses(word) if role == "L" else _tag_parses(word, grammeme)
        found = [p for p in readings if "Fixd" not in p.tag]
        if role in ("F", "P") and not is_known(word.lower()):
            found = []  # pymorphy's guesses for unknown foreign names say little of the case
            if role == "F" and re.search(r"[бвгджзклнпрстфхцчшщ]$|[^оеёиы]м$", word.lower()):
                # «Дзироэмон Кимура»: a name on a hard consonant has no case ending, so it is
                # a man's in the nominative or an indeclinable woman's («Ингрид»)
                votes["nomn"] = votes.get("nomn", 0.0) + 1.0
            listed = _listed_oblique_cases(word, gender) if role == "F" else set()
            for listed_case in listed:
                # «Жаира Болсонару», «Опры Уинфри»: a listed name with a case ending
                votes[listed_case] = votes.get(listed_case, 0.0) + 1.0 / len(listed)
        if wanted is not None:
            # a reading of the other gender says nothing of the case: «Али» is not «Аля» in
            # the genitive, «Ксении Собчак» is no «Собчак» in the nominative
            found = [p for p in found if p.tag.gender == wanted or "ms-f" in p.tag]
        weight = 2.0 if role in ("F", "P") else 1.0
        if (
            role == "F"
            and any("Fixd" in p.tag for p in readings)
            and all(str(p.normal_form) != word.lower() for p in found)
        ):
            weight = 0.5  # «Тони»: Тоня's genitive, or Тони in any case — little of the case
        if role == "L" and not is_known(word.lower()):
            weight = 0.5  # pymorphy only guesses an unknown surname's case from its ending
        if not found and role == "L" and not _tag_parses(word, grammeme):
            found = [
                p
                for p in parses(word.lower())
                if p.tag.POS == "NOUN" and p.tag.number != "plur" and is_known(word.lower())
            ]
            weight = 0.5
        cases = {str(p.tag.case) for p in found}
        for case in cases:
            votes[case] = votes.get(case, 0.0) + weight / len(cases)
    return votes


def _gender(words: list[str], roles: list[str], case: str | None = None) -> str | None:
    for word, role in zip(words, roles, strict=True):
        low = word.lower()
        if role == "P":
            if low in ("оглы", "улы", "уулу"):
                return "m"
            if low in ("кызы", "гызы"):
                return "f"
            if re.search(r"[вч]н(а|ы|е|у|ой|ою)$", low):
                return "f"  # «Ильиничны»: a woman's patronymic in any case
            if re.search(r"ич", low):
                return "m"
    for word, role in zip(words, roles, strict=True):
        if role == "F":
            name_parses = _tag_parses(word, "Name")
            genders = {str(p.tag.gender) for p in name_parses}
            if _woman_as_written(word, name_parses, words, roles):
                return "f"  # «Камала Харрис»: not Камал's genitive
            if _indeclinable_listed(word, name_parses):
                return foreign_first_name_gender(word)  # «Эммануэль Макрон»: the list's m
            if is_known(word.lower()) and genders in ({"masc"}, {"femn"}):
                return "m" if genders == {"masc"} else "f"  # the dictionary's «Чулпан»: f
            if name_parses:
                best = _first_name_reading(name_parses, words, roles, case)
                found = first_name_gender(str(best.normal_form))
                if found:
                    return found
                listed = {first_name_gender(str(p.normal_form)) for p in name_parses} - {None}
                if not is_known(word.lower()) and len(listed) == 1:
                    # pymorphy only guesses the word, and one guess is a listed name
                    # («Жаира» Болсонару: Жаир's genitive rather than an unknown «Жаира»)
                    return listed.pop()
                if (
                    case is not None
                    and best.tag.case == case != "nomn"
                    and best.tag.gender in ("masc", "femn")
                ):
                    # the sentence's case chose an oblique reading of a name the list lacks
                    # («Влада» as Влад's genitive): its gender, not the written form's
                    return "m" if best.tag.gender == "masc" else "f"
            direct = first_name_gender(word)
            if direct:
                return direct
            if genders == {"masc"}:
                return "m"
            if genders == {"femn"}:
                return "f"
            if not name_parses and _listed_oblique_cases(word, None):
                # «Карлосу Гону»: Карлос's dative (pymorphy has it as a surname); «Опры
                # Уинфри»: Опра's genitive
                return "m" if _man_oblique_cases(word) else "f"
    for word, role in zip(words, roles, strict=True):
        if role == "L":
            low = word.lower()
            if re.search(r"(ова|ева|ёва|ина|ына|ская|цкая|ой|ую)$", low) and not _tag_parses(
                low, "masc"
            ):
                return "f"
            genders = {str(p.tag.gender) for p in _surname_parses(low)}
            if genders == {"masc"}:
                return "m"
            if re.search(r"(ов|ев|ин|ын|ский|цкий)$", low):
                return "m"
    return None


def _indeclinable_listed(word: str, name_parses: list[Any]) -> bool:
    """A name of the foreign first-names list that pymorphy reads only as an indeclinable
    name: the written form is the nominative, and the list's gender is the one Russian media
    mean — pymorphy has «Эммануэль» only as a woman's (Emmanuelle), the list as Макрон's.
    (For a Russian name pymorphy's dictionary stays first: «Чулпан Хаматова» is hers.)"""
    return (
        bool(name_parses)
        and all("Fixd" in p.tag for p in name_parses)
        and foreign_first_name_gender(word) is not None
    )


def _woman_as_written(
    word: str, name_parses: list[Any], words: list[str], roles: list[str]
) -> bool:
    """«Камала Харрис»: the names list has the word as a woman's nominative, pymorphy only
    as a man's name in an oblique case (Камал's genitive), and the surname ends in a
    consonant — a man's would decline with his first name («Камала Харриса»), a woman's on a
    consonant does not: hers."""
    surnames = [w.lower() for w, role in zip(words, roles, strict=True) if role == "L"]
    return (
        first_name_gender(word) == "f"
        and bool(name_parses)
        and all(_has(p, "masc") and p.tag.case != "nomn" for p in name_parses)
        and len(surnames) == 1
        and bool(re.search(f"[{_CONSONANT}]$", surnames[0]))
    )


def _first_name_reading(
    name_parses: list[Any], words: list[str], roles: list[str], case: str | None = None
) -> Any:
    """The first name's reading: a far more frequent name first («Юлию» is «Юлия» 70 times as
    often as «Юлий»), else one the surname agrees with in case and gender («Яна Фишера» is
    «Ян»), then a more frequent name, then pymorphy's score."""

    def frequent(readings: list[Any], ratio: float) -> Any | None:
        counts = [first_name_count(str(p.normal_form)) for p in readings]
        best = max(range(len(readings)), key=lambda i: (counts[i], readings[i].score))
        rivals = [
            counts[i]
            for i in range(len(readings))
            if str(readings[i].tag.gender) != str(readings[best].tag.gender)
        ]
        # both names must be in the list: a name it lacks («Карла») is no rarer for that
        return readings[best] if all(c > 0 and counts[best] >= ratio * c for c in rivals) else None

    clear = frequent(name_parses, 10.0)
    if clear is not None:
        return clear
    if case is not None:
        # the case of the name in its sentence: «по словам Влада Филата» is Влад, not Влада
        both = ("gent", "accs") if case in ("gent", "accs") else (case,)
        in_case = [
            p
            for p in name_parses
            if p.tag.case == case or (p.tag.case in both and _has(p, "masc"))
        ]
        if in_case:
            name_parses = in_case
    surnames = [
        p
        for word, role in zip(words, roles, strict=True)
        if role == "L"
        for p in _tag_parses(word, "Surn")
    ]

    def agrees(parse: Any) -> bool:
        return any(
            s.tag.case == parse.tag.case
            and ("ms-f" in s.tag or str(s.tag.gender) == str(parse.tag.gender))
            for s in surnames
        )

    readings = [p for p in name_parses if agrees(p)] or name_parses
    return frequent(readings, 3.0) or max(readings, key=lambda p: p.score)


def _pick(found: list[Any], case: str | None, gender: str | None) -> Any:
    wanted = _GENDER.get(gender or "")
    ranked = sorted(
        found,
        key=lambda p: (
            case is not None and p.tag.case == case,
            wanted is None or p.tag.gender == wanted,
            "Fixd" not in p.tag,
            # «Игоре»: «Игорь», a name the list knows, not pymorphy's «Игор»
            "Name" not in p.tag or first_name_count(str(p.normal_form)) > 0,
            p.score,
        ),
        reverse=True,
    )
    return ranked[0] if ranked else None


def _nominative_part(word: str, role: str, case: str | None, gender: str | None) -> str:
    low = word.lower()
    if role == "I" or low in _TURKIC:
        return word if role == "I" else low
    if role == "L" and "-" not in word and re.search(r"..(ии|ию|ией)$", low):
        # «Данелии», «Любовь Данелию» → «Данелия»: no nominative surname ends so
        return _title_case(re.sub(r"(ии|ию|ией)$", "ия", low))
    if case == "nomn":
        return _title_case(word)
    if "-" in word and role == "L":
        return "-".join(
            part.lower()
            if part.lower() in _PARTICLES
            else _nominative_part(part, role, case, gender)
            for part in word.split("-")
            if part
        )
    grammeme = {"F": "Name", "P": "Patr", "L": "Surn"}[role]
    found = _surname_parses(low) if role == "L" else _tag_parses(low, grammeme)
    declined = re.search(r"(а|я|ы|ой|ую|ей|ою|у|ю)$", low) or (
        low.endswith("е") and any(p.tag.case == case for p in found)  # «Мишель Обаме»
    )
    if role == "L" and not is_known(low):
        a_form = _a_declension(low, case, gender)
        if a_form is not None:
            return _title_case(a_form)  # «Игоря Кимуру», «Ольге Кимуре» → «Кимура»
    if role == "L" and gender == "f" and not declined:
        return _title_case(word)  # feminine surnames on a consonant do not decline
    if role == "L" and gender == "f" and case is None and re.search(r"..(ой|ую)$", low):
        # a woman's «-ой/-ую» in no case the name shows: «Навальной» → «Навальная»,
        # «Ужаховой» → «Ужахова», the surnames list deciding between the two
        if re.search(r"(ов|ев|ёв|ин|ын)(ой|ую)$", low):
            return _title_case(low[:-2] + "а")
        candidates = [low[:-2] + "ая", low[:-2] + "а"]
        return _title_case(max(candidates, key=lambda c: surname_count(c, "f")))
    if role in ("F", "L") and gender == "m" and _nominative_ending_m(low, case):
        return _title_case(word)  # «Бени Ганц», «Сергея Скрипаль»: no oblique form ends so
    if role == "L" and gender == "m" and not is_known(low) and re.search(r"[аеёиоуэюя]и$", low):
        return _title_case(word)  # «Али Хаменеи»: a vowel before «-и», foreign, as written
    if role == "L" and case not in (None, "nomn") and not is_known(low):
        # a guessed surname parse of another case is no reading of this one («Бибера»)
        found = [p for p in found if p.tag.case == case]
    if role == "F" and gender == "m" and case in _STRIP_M and not is_known(low):
        return _title_case(_strip_case(word, case, gender))  # «Таксина» → «Таксин»
    if (
        role == "F"
        and gender == "m"
        and case in _man_oblique_cases(low)
        and not any(p.tag.case == case and _has(p, "masc") for p in found)
    ):
        # «Илона Маска»: the dictionary has «Илона» only as hers, the names list Илон
        return _title_case(_strip_case(word, case, gender))
    if role == "F" and gender == "f" and not is_known(low) and not _pick(found, case, gender):
        return _title_case(_feminine_stem(low, case))  # «Таты» → «Тата»
    if role == "L" and not is_known(low) and re.search(r"[бвдзлмнпрстфц]и$", low):
        return _title_case(word)  # «Кевина Спейси», «Карлы Бруни»: foreign, does not decline
    if (
        role == "F"
        and gender in _GENDER
        and first_name_gender(low) == gender
        and not any(_has(p, _GENDER[gender]) for p in found)
    ):
        return _title_case(word)  # «Камала Харрис»: her name as listed, not Камал's genitive
    parse = _pick(found, case, gender)
    if parse is None and role == "L" and case is None:
        return _title_case(word)  # a foreign surname in an unknown case: as written
    if parse is None and role == "L":
        nouns = [p for p in parses(low) if p.tag.POS == "NOUN" and p.tag.number != "plur"]
        parse = _pick([p for p in nouns if case is None or p.tag.case == case], case, gender)
        if parse is not None and not is_known(low) and gender != "f":
            stripped = _strip_case(low, case, gender)
            if case == "loct" and re.search(f"[{_CONSONANT}]е$", low):
                stripped = low[:-1]
            guess = str(parse.normal_form)
            if stripped != low and re.fullmatch(
                re.escape(stripped[:-1]) + "[еоё]" + re.escape(stripped[-1]), guess
            ):
                # «Карапетянца» → «Карапетянц»: a guessed fleeting vowel is no surname's
                return _title_case(stripped)
        if parse is None:
            by_suffix = _surname_by_suffix(low, gender)
            if by_suffix == low and case == "gent":
                # «Джейкоба Зумы» → «Зума», «Ирины Хакамады» → «Хакамада»: «-а» in the genitive
                by_suffix = re.sub(f"(?<=[{_HARD_CONSONANTS}])ы$", "а", low)
            if by_suffix == low and gender == "m":
                by_suffix = _strip_case(low, case, gender)  # «Скрипаля» → «Скрипаль»
            return _title_case(by_suffix)
    if parse is None:
        return _title_case(_strip_case(word, case, gender))
    grammemes = {"nomn", "sing"}
    if role in ("L", "P") and gender in _GENDER:
        grammemes.add(_GENDER[gender])
    result = inflect(parse, frozenset(grammemes)) or inflect(parse, frozenset({"nomn"}))
    return _title_case(result or word)


# A surname's ending in a case that only a man's surname on a consonant has there: a woman's
# on «-а» has «-ы / -у / -е / -ой», one on a consonant does not decline (the locative «-е» is
# both: «Кимуре»).
_MAN_ONLY = {
    "gent": f"[{_CONSONANT}]а$",
    "accs": f"[{_CONSONANT}]а$",
    "datv": f"[{_CONSONANT}]у$",
    "ablt": f"[{_CONSONANT}]ом$|[{_CONSONANT}ь]ем$",
}
# endings of a surname on «-а/-я» («Кимура», «Небензя») that neither a man's surname on a
# consonant nor an indeclinable one has in that case (a woman's on a consonant does not
# decline). Not the dative/locative «-е» («Жан-Клоду Трише») nor «-и» («Кевина Спейси»).
_A_DECLENSION = {
    "gent": ((f"(?<=[{_CONSONANT}])ы", "а"), ("(?<=[гкхжшчщ])и", "а")),
    "accs": ((f"(?<=[{_CONSONANT}])у", "а"), ("(?<=[^аеиоуыэюя])ю", "я")),
    "ablt": (
        (f"(?<=[{_CONSONANT}])ой", "а"),
        ("(?<=[жшчщцй])ей", "а"),
        ("(?<=[^аеиоуыэюяжшчщц])ей", "я"),
    ),
}


def _a_declension(word: str, case: str | None, gender: str | None) -> str | None:
    """The nominative «-а/-я» of an unknown surname whose ending only that declension has in
    the case: «Кимуру» (a man's accusative), «Ольге Кимуре» (a woman's dative), «Небензи»."""
    if len(word) < 4 or re.search(r"(ск|цк|ов|ев|ёв|ин|ын)ой$", word):
        return None  # («Ужаховой» is «Ужахова» by its suffix, «-ской» an adjective's)
    # a man's genitive and accusative are one form, and the case vote takes either
    both = ("gent", "accs") if gender == "m" and case in ("gent", "accs") else (case or "",)
    for pattern, ending in (rule for one in both for rule in _A_DECLENSION.get(one, ())):
        changed = re.sub(f"{pattern}$", ending, word)
        if changed != word:
            return changed
    return None


def _nominative_ending_m(word: str, case: str | None) -> bool:
    """A man's name that ends as no oblique form of a man's name does («Ганц», «Скрипаль»,
    «Хасай»): a consonant but «м», «й» after «а/и/у/ы», «ь»; not «-ом/-ой/-ей» and the like."""
    if case in (None, "nomn"):
        return False
    return bool(re.search(r"[бвгджзклнпрстфхцчшщь]$|[аиуы]й$|[^оеёыи]м$", word))


def _known_surname(word: str, value: str, case: str | None, gender: str | None) -> str:
    """The nominative the surnames list knows far better than the one the rules gave.

    The other readings are those of the word in the case found (pymorphy's nouns and
    adjectives, the stripped ending, the word as written): «Ириной Яровой» is «Яровая» (175 in
    russiannames) rather than «Ярова» (38), «Скрипаля» «Скрипаль».
    """
    low = word.lower()
    if case == "nomn":
        return value
    wanted = _GENDER.get(gender or "")
    candidates = {_title_case(low), _title_case(_surname_by_suffix(low, gender))}
    if gender != "f":
        for oblique in [case] if case is not None else ["gent", "datv", "ablt"]:
            candidates.add(_title_case(_strip_case(low, oblique, "m")))
        stem = re.sub(r"(?<=[лнр])е$", "", low)  # «Скрипале» → «Скрипаль» or «Скрипал»
        if stem != low and case == "loct":
            candidates |= {_title_case(stem), _title_case(stem + "ь")}
    grammemes = frozenset({"nomn", "sing"} | ({wanted} if wanted else set()))
    for parse in parses(low) if case is not None else ():
        # (a case unknown: only the endings stripped — any parse's nominative would do)
        if parse.tag.POS not in ("NOUN", "ADJF") or parse.tag.number == "plur":
            continue
        if parse.tag.case != case or "Poss" in parse.tag:
            continue
        if (
            wanted is not None
            and parse.tag.gender not in (wanted, None)
            and "ms-f" not in parse.tag
        ):
            continue
        form = inflect(parse, grammemes)
        if form:
            candidates.add(_title_case(form))
    current = surname_count(value, gender)
    best = max(sorted(candidates), key=lambda c: surname_count(c, gender))
    return best if surname_count(best, gender) >= 3 * max(current, 1) + 10 else value


_SUFFIXES_M = (
    ("ского", "ский"),
    ("скому", "ский"),
    ("ским", "ский"),
    ("ском", "ский"),
    ("цкого", "цкий"),
    ("цкому", "цкий"),
    ("цким", "цкий"),
    ("ова", "ов"),
    ("ову", "ов"),
    ("овым", "ов"),
    ("ове", "ов"),
    ("ева", "ев"),
    ("еву", "ев"),
    ("евым", "ев"),
    ("еве", "ев"),
    ("ина", "ин"),
    ("ину", "ин"),
    ("иным", "ин"),
    ("ине", "ин"),
)
_SUFFIXES_F = (
    ("овой", "ова"),
    ("ову", "ова"),
    ("евой", "ева"),
    ("еву", "ева"),
    ("иной", "ина"),
    ("ину", "ина"),
    ("ской", "ская"),
    ("скую", "ская"),
    ("цкой", "цкая"),
    ("цкую", "цкая"),
)


def _surname_by_suffix(word: str, gender: str | None) -> str:
    for old, new in _SUFFIXES_F if gender == "f" else _SUFFIXES_M:
        if word.endswith(old) and len(word) > len(old) + 1:
            return word[: -len(old)] + new
    return word


_STRIP_M = {"gent": ("а", "я"), "accs": ("а", "я"), "datv": ("у", "ю"), "ablt": ("ом", "ем")}


def _strip_case(word: str, case: str | None, gender: str | None) -> str:
    """A masculine foreign name on a consonant in an oblique case: «Джареда» → «Джаред»."""
    if gender == "f" or case not in _STRIP_M:
        return word
    for ending in _STRIP_M[case]:
        stem = word[: -len(ending)]
        if not word.lower().endswith(ending) or len(stem) <= 2:
            continue
        if ending in ("я", "ю", "ем") and stem[-1].lower() in "аоуэ" and len(stem) > 3:
            return stem + "й"  # «Карзая» → «Карзай», «Цою» → «Цой»
        if stem[-1].lower() not in "аеиоуыэюяйь":
            # «Мигеля» → «Мигель»: a soft ending leaves a soft sign after л/н/р
            soft = ending in ("я", "ю", "ем") and stem[-1].lower() in "лнр"
            return stem + "ь" if soft else stem
    return word


_LOOKALIKES = str.maketrans("AaBCcEeHKkMOoPpTXxYy", "АаВСсЕеНКкМОоРрТХхУу")


def cyrillic_lookalikes(text: str) -> str:
    """Latin letters that look Cyrillic inside Cyrillic words («Белoусовa» → «Белоусова»)."""
    return re.sub(
        r"[A-Za-zА-Яа-яЁё]+",
        lambda m: (
            m.group(0).translate(_LOOKALIKES)
            if re.search(r"[А-Яа-яЁё]", m.group(0))
            else m.group(0)
        ),
        text,
    )


def parse_person(text: str, *, case: str | None = None) -> PersonName:
    """Split a name as written into nominative parts and gender.

    Args:
        text: a person mention, e.g. «Абдурахмановой Натальи Петровны», «Петров И. С.».
        case: the grammatical case known from context (a title the name stands next to);
            used when the name itself is ambiguous («Путина»).

    Returns:
        The parts in the nominative (capitalised), ``None`` where absent.
    """
    text = cyrillic_lookalikes(re.sub(r"\([^)]*\)?", " ", text).split(",")[0])
    words = [w for w in re.findall(r"[A-Za-zА-Яа-яЁё'’-]+\.?", text) if w.strip(".-")]
    if any(re.search(r"[А-Яа-яЁё]", w) for w in words):
        words = [w for w in words if re.search(r"[А-Яа-яЁё]", w)]
    words = _merge_initials(words)
    if not words:
        return PersonName(None, None, None, None)
    particle = None
    if len(words) >= 3 and words[-2].lower() in _PARTICLES:
        # «Марин Ле Пен», «Массимо Де Сантис»: the particle belongs to the surname
        particle = words[-2]
        words = words[:-2] + words[-1:]
    roles = _roles(words)
    man = False
    if roles == ["F"] and case not in (None, "nomn") and _not_in_case(words[0], case):
        # «по словам Данна»: «Данна» is a woman's nominative, not a genitive; a woman's «-а»
        # word would be «Данны» there, so the surname is a man's
        roles = ["L"]
        man = case in ("gent", "accs") and bool(re.search(f"[{_CONSONANT}]а$", words[0].lower()))
    if particle is None and roles[0] == "L" and _east_asian(words):
        return _east_asian_name(words, case)
    man_case = _man_in_oblique(words, roles)
    if man_case is not None and case is not None and _MAN_ONLY[man_case] != _MAN_ONLY.get(case):
        man_case = None  # the sentence says another case
    gender = "m" if man or man_case else _gender(words, roles, case)
    votes = _case_votes(words, roles, gender)
    hint = case
    if hint is not None:
        votes[hint] = votes.get(hint, 0.0) + 0.6
    own = dict(votes)
    if gender == "m" and ("gent" in votes or "accs" in votes):
        # a man's name has one form for both: their votes together outweigh a nominative guess
        votes["gent"] = votes["accs"] = votes.get("gent", 0.0) + votes.get("accs", 0.0)
    # a tie goes to the nominative, then to a case voted for itself («Бену Аскрену»: the
    # dative, not a genitive only lent the accusative's vote)
    case = (
        max(_CASES, key=lambda c: (votes.get(c, 0.0), c == "nomn", own.get(c, 0.0)))
        if votes
        else hint
    )
    if man_case is not None:
        case = man_case if hint is None else hint  # «Илона Маска»: Илон's genitive
    agreed = _agreeing_reading(words, roles, gender)
    if agreed is not None and case not in agreed[0] and hint is None:
        # «Мишель Обамы»: «Обамы» is only a genitive, and «Мишель» (a woman's, indeclinable)
        # can be one — the case every word can take, with the gender that allows it
        case = max(sorted(agreed[0]), key=lambda c: votes.get(c, 0.0))
        gender = gender or agreed[1].get(case)
    if hint is None and max(votes.values(), default=0.0) <= 0.5:
        # no dictionary word says the case (guessed surnames weigh 0.5 at most); a guessed
        # «-ова/-ина» surname is as likely a woman's nominative («Хадижа Ужахова»)
        russian = len(words) > 1 and re.search(r"(ов|ев|ёв|ин|ын)а$", words[-1].lower())
        if (
            len(words) == 2
            and roles == ["F", "L"]
            and words[1].lower().endswith("а")
            and not any(is_known(w.lower()) for w in words)
            and all(_JAPANESE.fullmatch(w.lower()) for w in words)
        ):
            case = "nomn"  # «Сюдзи Накамура», «Мисао Кимура»: Japanese, as written
        elif _foreign_genitive(words, roles) and (not votes or not russian):
            case, gender = "gent", "m"
        elif (
            oblique := _foreign_oblique(words, roles) or _after_indeclinable(words, roles)
        ) is not None:
            case, gender = oblique, "m"
        elif _y_genitive(words, roles):
            case = "gent"  # «Ёсими Китадзавы»: an «-а» surname, his or hers
    lone = roles.count("L") == 1 and set(roles) <= {"L", "I"}  # «Гагарина», «А. Кудрина»
    surname = words[roles.index("L")] if lone else ""
    if hint is None and gender is None and lone:
        surn = _tag_parses(surname, "Surn")
        if any(p.tag.gender == "masc" and p.tag.case != "nomn" for p in surn) and any(
            p.tag.gender == "femn" and p.tag.case == "nomn" for p in surn
        ):
            # «Гагарина», «А. Кудрина»: in news a man in an oblique case more often than a
            # woman (initials say nothing of the gender)
            case, gender = "gent", "m"
        elif not is_known(surname.lower()) and (reading := _lone_oblique(surname)) is not None:
            case, gender = reading  # «Руснока», «И. Ю. Дюпону», «Рэппом»
    if gender is None and case not in (None, "nomn") and lone:
        genders = {str(p.tag.gender) for p in _tag_parses(surname, "Surn") if p.tag.case == case}
        gender = "m" if genders == {"masc"} else "f" if genders == {"femn"} else None
    if gender is None and case in _MAN_ONLY and roles.count("L") == 1:
        last = words[roles.index("L")].lower()
        if not is_known(last) and re.search(_MAN_ONLY[case], last):
            # «Кими Райкконена» in the genitive: a woman's «-а» surname would be «-ы» there
            # and one on a consonant does not decline, so the name is a man's
            gender = "m"
    given = [i for i, role in enumerate(roles) if role == "F"]
    if len(given) > 1:
        # «Реджеп Тайип Эрдоган»: the given names are the words that are first names; a word
        # natasha took into the name («Минфина Антон Силуанов») is no part of it
        names = [i for i in given if _first_name_score(words[i]) >= 1.5]
        keep = set(names) if names else {given[-1]}
        roles = [role if role != "F" or i in keep else "" for i, role in enumerate(roles)]
    parts: dict[str, str | None] = {"F": None, "P": None, "L": None}
    initials: list[str] = []
    for word, role in zip(words, roles, strict=True):
        if not role:
            continue
        if role == "I":
            initials.append(word if word.endswith(".") else word + ".")
            continue
        value = _nominative_part(word, role, case, gender)
        if role == "L" and "-" not in word:
            value = _known_surname(word, value, case, gender)
        if role == "L" and parts["L"]:
            parts["L"] = f"{parts['L']} {value}"
        elif role == "P" and parts["P"] and value.lower() in _TURKIC:
            parts["P"] = f"{parts['P']} {value}"
        elif role == "F" and parts["F"]:
            parts["F"] = f"{parts['F']} {value}"  # «Реджеп Тайип Эрдоган», «Хосе Мануэль»
        else:
            parts[role] = value
    if particle is not None and parts["L"]:
        parts["L"] = f"{particle[:1].upper()}{particle[1:]} {parts['L']}"
    if initials:
        # «Ж.-К. Трише»: a hyphenated initial is one first name («Жан-Клод»)
        letters = [
            part.rstrip(".") if "-" in item else part
            for item in initials
            for part in ([item] if "-" in item else item.split("."))
            if part
        ]
        if parts["F"] is None and letters:
            parts["F"] = letters[0] + "."
        if parts["P"] is None and len(letters) > 1:
            parts["P"] = letters[1] + "."
    return PersonName(parts["L"], parts["F"], parts["P"], gender)


_HARD_CONSONANTS = "бвгдзклмнпрстфхцжшчщ"
_FEMININE_ENDINGS = {
    "gent": ((f"(?<=[{_HARD_CONSONANTS}])ы", "а"), ("(?<=[ьи])и", "я")),
    "datv": (("(?<=[ьи])е", "я"), ("(?<=[ьи])и", "я"), ("(?<=[^и])е", "а")),
    "loct": (("(?<=[ьи])е", "я"), ("(?<=[ьи])и", "я"), ("(?<=[^и])е", "а")),
    "accs": (("у", "а"), ("ю", "я")),
    "ablt": (("(?<=[ьи])ей", "я"), ("ой", "а"), ("ою", "а")),
}


def _not_in_case(word: str, case: str) -> bool:
    """Whether a word read as a first name can't be one in ``case``: its first-name readings
    are only a woman's «-а/-я» nominative («Данна» after «по словам»: a man's surname Данн
    in the genitive). Every other reading, or none, keeps the first name."""
    readings = _tag_parses(word, "Name")
    return (
        bool(readings)
        and all(p.tag.case == "nomn" and p.tag.gender == "femn" for p in readings)
        and word.lower().endswith(("а", "я"))
        and case in ("gent", "accs", "datv", "ablt", "loct")
    )


_CONSONANT_Y = re.compile(f"[{_HARD_CONSONANTS}]ы$")


def ends_in_consonant_y(word: str) -> bool:
    """A consonant + «ы» at the end: no singular nominative («Седых» ends in «-ых»), the
    genitive of an «-а» name («Маехары», «Бандеры»)."""
    return bool(_CONSONANT_Y.search(word.lower()))


def _feminine_stem(word: str, case: str | None) -> str:
    """A woman's foreign first name on «-а/-я» back from an oblique case: «Таты» → «Тата»;
    one on a consonant («Дженнифер») does not decline."""
    for pattern, nominative in _FEMININE_ENDINGS.get(case or "", ()):
        changed = re.sub(f"{pattern}$", nominative, word)
        if changed != word:
            return changed
    return word


def _indeclinable_man(word: str) -> bool:
    """A man's first name on a vowel that does not decline («Хулио», «Джо», «Бенни»): in the
    names list as a man's, or pymorphy's readings all a man's indeclinable name."""
    low = word.lower()
    if not re.search(r"[иоуэею]$", low) or first_name_gender(low) == "f":
        return False
    if first_name_gender(low) == "m":
        return True
    names = _tag_parses(low, "Name")
    return bool(names) and all("Fixd" in p.tag and _has(p, "masc") for p in names)


def _after_indeclinable(words: list[str], roles: list[str]) -> str | None:
    """«Хулио Иглесиаса», «Джо Байдену», «Пабло Нерудой»: after an indeclinable man's first
    name only the surname shows the case — a consonant with a genitive, dative or
    instrumental ending. A surname of open syllables on «-а» is a nominative («Пабло Неруда»,
    «Сюдзи Накамура»), and so is one on «-у» after a Portuguese «-у» («Криштиану Роналду»)."""
    if roles != ["F", "L"] or not _indeclinable_man(words[0]):
        return None
    first, last = words[0].lower(), words[1].lower().split("-")[-1]
    if is_known(last):
        return None
    cons = f"[{_CONSONANT}]"
    for case, pattern in (
        ("gent", _A_GENITIVE),
        ("gent", "" if _a_nominative(last) else f"{cons}а$|[лнр]я$"),
        ("datv", "" if first.endswith("у") else _M_DATIVE),
        ("ablt", _M_INSTRUMENTAL),
    ):
        if not pattern:
            continue
        if re.search(pattern, last):
            return case
    return None


def _man_oblique_cases(word: str) -> set[str]:
    """The cases in which the word is a man's first name of the names list with a case
    ending: «Илона» is Илон's genitive (or accusative), «Карлосу» Карлос's dative."""
    low = word.lower()
    return {
        case
        for case in _STRIP_M
        if (stem := _strip_case(low, case, "m")) != low and first_name_gender(stem) == "m"
    }


def _woman_oblique_cases(word: str) -> set[str]:
    """The cases in which the word is a woman's first name of the names list on «-а/-я»
    with a case ending: «Опры» is Опра's genitive, «Кондолизе» Кондолиза's dative."""
    low = word.lower()
    return {
        case
        for case in _FEMININE_ENDINGS
        if (stem := _feminine_stem(low, case)) != low and first_name_gender(stem) == "f"
    }


def _listed_oblique_cases(word: str, gender: str | None) -> set[str]:
    """The oblique cases of a listed name the word can be, a man's or a woman's as the
    gender allows; none when it can be both («Яну»: Ян's dative or Яна's accusative)."""
    man = _man_oblique_cases(word) if gender in (None, "m") else set()
    woman = _woman_oblique_cases(word) if gender in (None, "f") else set()
    return set() if man and woman else man | woman


def _man_in_oblique(words: list[str], roles: list[str]) -> str | None:
    """«Илона Маска», «Илону Маску»: the first name is a woman's nominative or accusative
    (Илона) and a listed man's name in an oblique case (Илон's genitive, dative), and the
    surname — no surname the dictionary knows — has the ending a man's surname on a consonant
    has in that case: the man, in that case. A woman would be «Илона Маск» (a surname on a
    consonant does not decline) or «Илона Маска» with a surname «Маска» no list has; a
    Russian «-ова/-ина/-ская» surname is hers («Илона Петрова»). A surname the dictionary
    knows only as a man's takes part too («Риду Хоффману»: Рид's dative, not Рида's
    accusative); one it knows as a woman's as well decides nothing («Илону Петрову»)."""
    if roles != ["F", "L"]:
        return None
    last = words[1].lower().split("-")[-1]
    surnames = _tag_parses(last, "Surn") if is_known(last) else []
    if any(_has(p, "femn") for p in surnames) or re.search(
        r"(ов|ев|ёв|ин|ын)(а|у|ой)$|(ск|цк)(ая|ую|ой)$", last
    ):
        return None
    cases = _man_oblique_cases(words[0])
    return next(
        (
            c
            for c in _CASES
            if c in cases
            and re.search(_MAN_ONLY[c], last)
            and (not surnames or any(p.tag.case == c for p in surnames))
        ),
        None,
    )


def _a_nominative(surname: str) -> bool:
    """A surname on «-а» that is a nominative rather than a man's genitive: open syllables
    («Неруда», «Накамура») or a doubled «кк/пп/цц» before the «-а», which Italian and Finnish
    surnames have («Массимо Бузакка», «Джанни Руппа») and an English or German one on a
    consonant seldom ends with (a «Бузакк» would be rare; «Хилл», «Скотт» double other letters)."""
    return bool(_OPEN_SYLLABLES.fullmatch(surname) or re.search(r"(кк|пп|цц)а$", surname))


def _y_genitive(words: list[str], roles: list[str]) -> bool:
    """«Ёсими Китадзавы», «Сейджи Маехары»: a surname no dictionary knows on a consonant +
    «ы» (a singular nominative seldom ends so; «Седых» does on «-ых») after a first name that
    does not decline — the genitive of an «-а» surname, a man's or a woman's."""
    if roles != ["F", "L"] or not re.search(r"[иоуэею]$", words[0].lower()):
        return False
    last = words[1].lower().split("-")[-1]
    return not is_known(last) and ends_in_consonant_y(last)


def _foreign_genitive(words: list[str], roles: list[str]) -> bool:
    """«Карлоса Тевеса», «Хосепа Гвардиолы», «Мигеля Диас-Канеля»: a man's foreign name in
    the genitive, which no dictionary knows — both words carry a genitive ending."""
    if roles != ["F", "L"]:
        return False
    first, last = words[0].lower(), words[1].lower().split("-")[-1]
    last_gent = bool(
        re.search(f"[{_HARD_CONSONANTS}][ая]$|[лнр]я$|[{_HARD_CONSONANTS}]ы$|[гкхжшчщ]и$", last)
    )
    if first_name_gender(first) == "m" and re.search(r"[иоуэею]$", first) and not is_known(last):
        # «Гарри Трумэна», «Бенни Хилла»: an indeclinable man's name, so only the surname
        # shows the case
        return (
            last_gent
            and not ends_in_consonant_y(last)
            and not (last.endswith("а") and _a_nominative(last))  # «Массимо Бузакка»
        )
    if (is_known(first) and _tag_parses(first, "Name")) or first_name_gender(first):
        return False
    first_gent = bool(re.search(f"[{_HARD_CONSONANTS}]а$|[лнр]я$", first))
    return first_gent and last_gent and len(first) > 3


def _agreeing_reading(
    words: list[str], roles: list[str], gender: str | None
) -> tuple[set[str], dict[str, str]] | None:
    """The cases every known first name and surname can take (indeclinable readings
    included) and, per case, the gender that is the only one allowing it; ``None`` when a
    word gives no constraint to agree on."""
    wanted = _GENDER.get(gender or "")
    common: set[str] | None = None
    genders: dict[str, set[str]] = {}
    for word, role in zip(words, roles, strict=True):
        low = word.lower()
        if role not in ("F", "L") or not is_known(low):
            continue
        readings = _surname_parses(low) if role == "L" else _tag_parses(low, "Name")
        readings = [p for p in readings if wanted is None or str(p.tag.gender) in (wanted, "ms-f")]
        if not readings:
            return None
        cases = {str(p.tag.case) for p in readings}
        for p in readings:
            if str(p.tag.gender) in ("masc", "femn"):
                genders.setdefault(str(p.tag.case), set()).add(str(p.tag.gender))
        common = cases if common is None else common & cases
    if not common:
        return None
    only = {c: "m" if g == {"masc"} else "f" for c, g in genders.items() if len(g) == 1}
    return common, only


_OPEN_SYLLABLES = re.compile(f"(?:(?:дз|дж|[{_CONSONANT}й])?[аеёиоуыэюя])+")
# Oblique endings of foreign surnames no dictionary knows: a man's on a consonant in the
# dative and the instrumental, and the genitive of one on «-а» («Бандеры», «Кимуры»).
_M_DATIVE = f"[{_CONSONANT}]у$|[лнр]ю$"
_M_INSTRUMENTAL = f"[{_CONSONANT}]ом$|[чшщжц]ем$"
_A_GENITIVE = f"[{_CONSONANT}]ы$|[гкхжшчщ]и$"


# Japanese names in Russian (Polivanov) spelling: open syllables without л, ж, ш, щ, ч, е, ы
_JAPANESE = re.compile("(?:(?:дз|[бвгдзкмнпрстфхцй])?[аиуэоюяё])+")


def _lone_oblique(word: str) -> tuple[str, str | None] | None:
    """The case (and gender) of a lone surname no dictionary knows, from an ending that a
    nominative surname seldom has: a man's on a consonant in the genitive («Руснока»,
    «Сноудена»), dative («Спектеру») or instrumental («Рэппом»); «-ы» the genitive of «-а»
    («Бандеры»). Not «-ова/-ина» (as likely a woman's nominative), «-е» («Трише»), a word of
    open syllables («Миура», «Неруда»: Japanese and Romance surnames on «-а») nor one whose
    stem would end in a cluster before «к/г/в/л» («Бубка», «Шпидла»)."""
    low = word.lower().split("-")[-1]
    if len(low) < 4 or re.search(r"(ов|ев|ёв|ин|ын|ск|цк)а$", low):
        return None
    if re.search(f"[{_CONSONANT}][кгвл](а|у|ом)$", low):
        return None
    cons = f"[{_CONSONANT}]"
    open_syllables = bool(_OPEN_SYLLABLES.fullmatch(low))
    for case, gender, pattern in (
        ("ablt", "m", _M_INSTRUMENTAL),
        ("gent", "m", "" if open_syllables else f"{cons}а$"),
        ("datv", "m", "" if open_syllables else _M_DATIVE),
        ("gent", None, f"{cons}ы$" if open_syllables else _A_GENITIVE),
        ("ablt", None, "" if re.search(r"(ск|цк|ов|ев|ин|ын)ой$", low) else f"{cons}ой$"),
    ):
        if not pattern:
            continue
        if re.search(pattern, low):
            return case, gender
    return None


def _foreign_oblique(words: list[str], roles: list[str]) -> str | None:
    """«Джареду Кушнеру», «Джаредом Кушнером»: a man's foreign name in the dative or the
    instrumental — first name and surname, neither known, end alike."""
    if roles != ["F", "L"] or any(is_known(w.lower()) or first_name_gender(w) for w in words):
        return None
    first, last = words[0].lower(), words[1].lower().split("-")[-1]
    hard = f"[{_HARD_CONSONANTS}]"
    for case, pattern in (("datv", f"{hard}у$|[лнр]ю$"), ("ablt", f"{hard}ом$|[лнрчшщжц]ем$")):
        if re.search(pattern, first) and re.search(pattern, last) and len(first) > 3:
            return case
    return None


def _name_cases(word: str, grammeme: str) -> set[str]:
    """The cases a dictionary word can take as a name part; empty when pymorphy only guesses
    (then it gives no constraint)."""
    low = word.lower()
    if not is_known(low):
        return set()
    found = _surname_parses(low) if grammeme == "Surn" else _tag_parses(low, grammeme)
    return {str(p.tag.case) for p in found}


def one_person(left: str, right: str) -> bool:
    """Whether two name spans written next to each other are one person's name: a surname
    and the first name (with a patronymic) in either order, in a case both can take.

    NER taggers often split a surname-first ФИО («Соколова | Ивана Петровича») or cut off a
    surname after the patronymic («Ольгу Юрьевну | Лебедеву»); two people are not joined
    («Иванов Петров»: no first name), nor a surname and a first name of another case.
    """
    words_left = [w for w in re.findall(r"[А-Яа-яЁё'-]+", left) if w.strip("-")]
    words_right = [w for w in re.findall(r"[А-Яа-яЁё'-]+", right) if w.strip("-")]
    if not words_left or not words_right or len(words_left) + len(words_right) > 4:
        return False
    splits = []
    if len(words_left) == 1:
        splits.append((words_left[0], words_right))
    if len(words_right) == 1:
        splits.append((words_right[0], words_left))
    return any(_surname_and_given(surname, given) for surname, given in splits)


def _surname_and_given(surname: str, given: list[str]) -> bool:
    if not all(w[:1].isupper() for w in [surname, *given]):
        return False
    if _first_name_score(given[0]) < 1.5 or _first_name_score(surname) >= 1.5:
        return False  # the other span must be a first name, this one no first name
    if not all(_is_patronymic(w) for w in given[1:]) or _is_patronymic(surname):
        return False
    cases = _name_cases(surname, "Surn")
    for index, word in enumerate(given):
        other = _name_cases(word, "Patr" if index else "Name")
        if cases and other:
            cases &= other
            if not cases:
                return False
    return True


def _merge_initials(words: list[str]) -> list[str]:
    """«И.С.» stays one token; a turkic «оглы» after a patronymic root stays separate."""
    out: list[str] = []
    for word in words:
        if out and re.fullmatch(r"-[A-ZА-ЯЁ]\.", word) and re.fullmatch(r"[A-ZА-ЯЁ]\.", out[-1]):
            out[-1] += word  # «Ж.-К.»
        elif re.fullmatch(r"(?:[A-ZА-ЯЁ]\.)+", word) and len(word) > 2:
            out.extend(part + "." for part in word.split(".") if part)
        else:
            out.append(word)
    return out
