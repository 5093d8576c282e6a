"""Paths and the typed segment configuration.

A segment is described by one YAML file, ``config/segments/<name>.yaml``. It is loaded into
:class:`SegmentConfig`; unknown keys are rejected with the key's path, e.g.
``config/segments/x.yaml: ключ 'quality.treshold': неизвестный ключ``.

String values may name environment variables as ``${NAME}`` (hosts, folders); a variable
that is not set is an error naming the key.

Relative paths inside a segment file are resolved against the project root: the folder that
holds ``config/`` when the file lives in ``<root>/config/segments/``, otherwise the file's own
folder.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from abmresearch.errors import ConfigError

__all__ = [
    "DATA_DIR",
    "DEFAULT_POSITIONS",
    "DEFAULT_SEGMENTS",
    "NOTEBOOKS_DIR",
    "PACKAGE_DIR",
    "PROCESSED_DIR",
    "PROJECT_ROOT",
    "RAW_DIR",
    "REPORTS_DIR",
    "RESOURCES_DIR",
    "BusinessLine",
    "ColumnMaps",
    "Inputs",
    "Kam",
    "MediaSource",
    "QualityConfig",
    "ReportConfig",
    "SegmentConfig",
    "config_hash",
    "load_segment",
    "load_yaml",
    "project_root",
]

PACKAGE_DIR = Path(__file__).resolve().parent
RESOURCES_DIR = PACKAGE_DIR / "resources"


def project_root() -> Path:
    """The project folder: ``$ABM_HOME`` if set, else the current directory."""
    return Path(os.environ.get("ABM_HOME", Path.cwd())).resolve()


PROJECT_ROOT = project_root()
DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
PROCESSED_DIR = DATA_DIR / "processed"
REPORTS_DIR = PROJECT_ROOT / "reports"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
# The vocabulary lives in the repository's config/; the package falls back to its own checkout.
_REPO_POSITIONS = PACKAGE_DIR.parent / "config" / "positions.yaml"
DEFAULT_POSITIONS = (
    PROJECT_ROOT / "config" / "positions.yaml"
    if (PROJECT_ROOT / "config" / "positions.yaml").exists()
    else _REPO_POSITIONS
)
DEFAULT_SEGMENTS = ("общестрой", "интерьерные работы", "алмазная резка")

_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MediaSource(_Model):
    """One media source of ``abm collect`` (CONTRACTS §8)."""

    name: str
    type: Literal["rss", "sitemap", "listing"]
    url: str
    link_selector: str | None = None
    rate_limit: float = Field(default=1.0, gt=0)
    keywords: list[str] = Field(default_factory=list)
    since: str | None = None
    until: str | None = None


class Inputs(_Model):
    """Input files of a segment; relative paths are resolved against the project root."""

    companies: Path | None = None
    contacts: Path | None = None
    registry: list[Path] = Field(default_factory=list)
    articles: Path | None = None
    clients: Path | None = None


class ColumnMaps(_Model):
    """Header of a real export → canonical column, per table (e.g. «Фамилия»: last_name)."""

    companies: dict[str, str] = Field(default_factory=dict)
    contacts: dict[str, str] = Field(default_factory=dict)


class QualityConfig(_Model):
    """Acceptance rules of the Data Quality Index."""

    threshold: float = Field(default=95.0, ge=0, le=100)
    min_contacts: int = Field(default=3, ge=1)
    min_decision_makers: int = Field(default=1, ge=0)


class BusinessLine(_Model):
    """A business line of the vendor; a company is tiered per line."""

    name: str
    description: str = ""
    okved: list[str] = Field(default_factory=list)
    products: list[str] = Field(default_factory=list)


class Kam(_Model):
    """A key account manager and how many tier 1–2 accounts they can carry."""

    name: str
    email: str | None = None
    capacity: int = Field(default=20, ge=0)
    business_lines: list[str] = Field(default_factory=list)
    regions: list[str] = Field(default_factory=list)


class ReportConfig(_Model):
    """What the shared HTML report shows."""

    mask_personal: bool = True
    top_problems: int = Field(default=25, ge=1)


class SegmentConfig(_Model):
    """One segment: what to collect, how to judge quality, who works the accounts."""

    name: str
    title: str | None = None
    description: str = ""
    segments: list[str] = Field(default_factory=lambda: list(DEFAULT_SEGMENTS))
    positions: Path | None = None
    inputs: Inputs = Field(default_factory=Inputs)
    sources: list[MediaSource] = Field(default_factory=list)
    columns: ColumnMaps = Field(default_factory=ColumnMaps)
    okved: list[str] = Field(default_factory=list)
    regions: list[str] = Field(default_factory=list)
    quality: QualityConfig = Field(default_factory=QualityConfig)
    business_lines: list[BusinessLine] = Field(default_factory=list)
    kams: list[Kam] = Field(default_factory=list)
    report: ReportConfig = Field(default_factory=ReportConfig)
    # Set by load_segment, not by the YAML.
    path: Path | None = Field(default=None, exclude=True)
    root: Path | None = Field(default=None, exclude=True)

    @field_validator("name")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not _SLUG.match(value):
            raise ValueError(
                "имя сегмента — латиница в нижнем регистре, цифры, '-' или '_' (оно же имя папки)"
            )
        return value

    @property
    def display_title(self) -> str:
        """The segment's human title, falling back to its name."""
        return self.title or self.name

    def resolve(self, path: Path) -> Path:
        """A path from the YAML, made absolute against the project root."""
        base = self.root or project_root()
        return path if path.is_absolute() else (base / path)

    @property
    def positions_path(self) -> Path:
        """The positions vocabulary of this segment (its own or the default)."""
        return self.resolve(self.positions) if self.positions else DEFAULT_POSITIONS

    @property
    def processed_dir(self) -> Path:
        """``data/processed/<segment>/`` of this segment."""
        return (self.root or project_root()) / "data" / "processed" / self.name

    @property
    def report_dir(self) -> Path:
        """``reports/<segment>/`` of this segment."""
        return (self.root or project_root()) / "reports" / self.name


def load_yaml(path: Path) -> Any:
    """Read a YAML file, turning syntax errors into one-line :class:`ConfigError`."""
    path = Path(path)
    if not path.exists():
        raise ConfigError(path, "файл не найден")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(path, f"не UTF-8 (байт {exc.start})") from None
    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = f"строка {mark.line + 1}, " if mark is not None else ""
        raise ConfigError(path, f"{line}ошибка YAML: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(path, f"ошибка YAML: {exc}") from None


def _error_key(loc: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        else:
            parts.append(("." if parts else "") + item)
    return "".join(parts)


def validation_error(path: Path, exc: ValidationError) -> ConfigError:
    """The first problem of a pydantic error as a one-line :class:`ConfigError`."""
    first = exc.errors()[0]
    key = _error_key(tuple(first["loc"]))
    kind = first["type"]
    if kind == "extra_forbidden":
        message = "неизвестный ключ"
    elif kind == "missing":
        message = "обязательный ключ отсутствует"
    else:
        message = str(first["msg"]).removeprefix("Value error, ")
    more = len(exc.errors()) - 1
    if more:
        message += f" (и ещё ошибок: {more})"
    return ConfigError(path, message, key=key or None)


_ENV_REF = re.compile(r"\$\{([A-Z_][A-Z0-9_]*)\}")


def _expand_env(value: Any, path: Path, key: str = "") -> Any:
    """Replace ``${NAME}`` in string values with the environment variable ``NAME``."""
    if isinstance(value, dict):
        return {k: _expand_env(v, path, f"{key}.{k}" if key else str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand_env(v, path, f"{key}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, str) and "${" in value:

        def lookup(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in os.environ:
                raise ConfigError(path, f"переменная окружения {name} не задана", key=key)
            return os.environ[name]

        return _ENV_REF.sub(lookup, value)
    return value


def _root_of(path: Path) -> Path:
    parent = path.resolve().parent
    if parent.name == "segments" and parent.parent.name == "config":
        return parent.parent.parent
    return parent


def load_segment(path: Path | str) -> SegmentConfig:
    """Load and validate a segment YAML file.

    Args:
        path: ``config/segments/<name>.yaml``.

    Returns:
        The validated config, with ``path`` and ``root`` set.

    Raises:
        ConfigError: the file is missing, not YAML, or has a wrong or unknown key.
    """
    path = Path(path)
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise ConfigError(path, "ожидается словарь ключей верхнего уровня (name, segments, …)")
    data = _expand_env(data, path)
    try:
        config = SegmentConfig.model_validate(data)
    except ValidationError as exc:
        raise validation_error(path, exc) from None
    return config.model_copy(update={"path": path.resolve(), "root": _root_of(path)})


def config_hash(config: SegmentConfig) -> str:
    """A stable hash of a segment's configuration (for run manifests)."""
    payload = config.model_dump_json(exclude={"path", "root"})
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]
