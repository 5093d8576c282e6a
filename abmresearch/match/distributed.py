"""Run the mention batches of a large matching job on a Dask distributed cluster.

The registry index is sent to every worker once (``scatter(..., broadcast=True)``); each batch
of mentions is one task calling :func:`~abmresearch.match.link.link_mentions`. The result is the
same as a local run, in the same order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from abmresearch.errors import ConfigError
from abmresearch.match.index import RegistryIndex
from abmresearch.match.link import Link, link_mentions

__all__ = ["link_on_cluster"]


def _link_here(names: list[str], index: RegistryIndex, **options: Any) -> list[Link]:
    """One task: its batch linked in the worker itself (no processes forked from a Dask worker)."""
    return link_mentions(names, index, workers=1, **options)


def link_on_cluster(
    names: Sequence[str],
    index: RegistryIndex,
    *,
    scheduler: str | Any,
    batch: int = 5_000,
    **options: Any,
) -> list[Link]:
    """:func:`link_mentions` with the batches spread over a Dask cluster.

    Args:
        names: mention names.
        index: the registry index.
        scheduler: ``tcp://host:port`` of a running scheduler, or a ``distributed.Client``.
        batch: mentions per task.
        **options: ``inns``, ``regions``, ``threshold``, … as for :func:`link_mentions`.

    Returns:
        One :class:`Link` per mention, in order.

    Raises:
        ConfigError: the scheduler cannot be reached.
    """
    from distributed import Client

    own = isinstance(scheduler, str)
    client: Any = scheduler
    try:
        if own:
            client = Client(scheduler, timeout="10s")  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as exc:
        raise ConfigError("--scheduler", f"планировщик Dask недоступен: {exc}") from None
    try:
        shared = client.scatter(index, broadcast=True)
        futures = []
        for start in range(0, len(names), batch):
            part = slice(start, start + batch)
            local = {
                key: (value[part] if key in ("inns", "regions") and value is not None else value)
                for key, value in options.items()
            }
            futures.append(
                client.submit(_link_here, list(names[part]), shared, pure=False, **local)
            )
        links: list[Link] = []
        for chunk in client.gather(futures):
            links.extend(chunk)
        return links
    finally:
        if own:
            client.close()
