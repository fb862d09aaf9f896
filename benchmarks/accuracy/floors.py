"""Accuracy floors pinned in TOML files: the one check every evaluation shares.

A floors file has a table per evaluated set. A key `max_<metric>` is a ceiling on
that metric; any other key is a minimum. Lowering a floor is a deliberate, reviewed
act (trafilatura's `tests/eval_gate.py` keeps its gate the same way).

Its `[data]` table pins what the floors were measured on: `files`, glob patterns
from the repository root (`$WEBTRAIN/` for the webtrain folder), and `digest`, a
SHA-256 over those files' names and bytes. When the data changes, every check of
that file fails until the floors are measured again and the digest re-pinned:

    python -m benchmarks.accuracy.floors --pin benchmarks/accuracy/*/floors.toml
"""

from __future__ import annotations

import argparse
import hashlib
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from benchmarks.data import webtrain
from cleantext.resources.tomlio import load_toml

ROOT = Path(__file__).resolve().parents[2]
_WEBTRAIN = "$WEBTRAIN/"


def unmet_floors(path: Path, name: str, measured: dict[str, float]) -> list[str]:
    """A message for every floor of table `name` in `path` that `measured` misses,
    and one if the data the floors were measured on has changed."""
    failures = stale_data(path)
    for key, bound in load_toml(path).get(name, {}).items():
        metric = key.removeprefix("max_")
        value = measured[metric]
        if key.startswith("max_") and value > bound:
            failures.append(f"{name}: {metric} = {value:.4g} > ceiling {bound}")
        elif not key.startswith("max_") and value < bound:
            failures.append(f"{name}: {metric} = {value:.4g} < floor {bound}")
    return failures


def stale_data(path: Path) -> list[str]:
    """A message if the files pinned in `path`'s `[data]` table no longer have its
    digest (nothing when the file pins no data, or the webtrain data it names is
    not on this machine)."""
    data = load_toml(path).get("data")
    if data is None:
        return []
    patterns = data["files"]
    if any(p.startswith(_WEBTRAIN) for p in patterns) and not webtrain.available():
        return []
    found = data_digest(tuple(patterns))
    if found == data["digest"]:
        return []
    return [
        f"{path.name}: the floors were measured on other data (digest "
        f"{data['digest'][:12]}, now {found[:12]}): measure again, then "
        f"`python -m benchmarks.accuracy.floors --pin {path}`"
    ]


@cache
def data_digest(patterns: tuple[str, ...]) -> str:
    """SHA-256 over the relative names and bytes of the files `patterns` match."""
    digest = hashlib.sha256()
    for name, path in _files(patterns):
        digest.update(name.encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _files(patterns: Iterable[str]) -> list[tuple[str, Path]]:
    files = {}
    for pattern in patterns:
        base, glob = (
            (webtrain.data_dir(), pattern.removeprefix(_WEBTRAIN))
            if pattern.startswith(_WEBTRAIN)
            else (ROOT, pattern)
        )
        matched = sorted(p for p in base.glob(glob) if p.is_file())
        if not matched:
            raise FileNotFoundError(f"no file matches {pattern!r}")
        for path in matched:
            prefix = _WEBTRAIN if base != ROOT else ""
            files[prefix + path.relative_to(base).as_posix()] = path
    return sorted(files.items())


def pin(path: Path) -> str:
    """Write the current digest of `path`'s pinned files into it; return it."""
    text = path.read_text("utf-8")
    digest = data_digest(tuple(load_toml(path)["data"]["files"]))
    pinned, count = re.subn(
        r'^digest = "[0-9a-f]*"$', f'digest = "{digest}"', text, flags=re.M
    )
    if count != 1:
        raise ValueError(f'{path}: expected one `digest = "..."` line in [data]')
    path.write_text(pinned, "utf-8")
    return digest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path, help="floors files")
    parser.add_argument("--pin", action="store_true", help="re-pin their digests")
    args = parser.parse_args()
    for path in args.files:
        if args.pin:
            print(f"{path}: pinned {pin(path)[:12]}")
        else:
            print(*(stale_data(path) or [f"{path}: data unchanged"]), sep="\n")


if __name__ == "__main__":
    main()
