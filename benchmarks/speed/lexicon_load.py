"""What a fresh process pays for FixTypos' lexicon: built from its sources, or read
from its snapshot in the cache (`cleantext.resources.cache`).

    python -m benchmarks.speed.lexicon_load [--runs 5]

Each run starts new Python processes, the two ways taking turns (build, snapshot,
build, ...), as a Dask, Ray or Spark worker starts: one with the cache turned off,
one reading a snapshot written beforehand into a temporary cache folder. Each child
reports the seconds `default_lexicon()` took, and its resident memory after
`import cleantext` and after the load (current and peak, MB of 10**6 bytes, from
/proc/self/status). Prints the medians as a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

_CHILD = r"""
import json, time

def status(field):
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024 / 1e6

import cleantext
from cleantext.cleaners.shared.lexicon import default_lexicon
before = status("VmRSS")
start = time.perf_counter()
default_lexicon()
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "before": before,
                  "after": status("VmRSS"), "peak": status("VmHWM")}))
"""


def child(cache: str) -> dict[str, float]:
    """One fresh process's load, with `CLEANTEXT_CACHE_DIR` set to `cache`."""
    env = {**os.environ, "CLEANTEXT_CACHE_DIR": cache}
    result = subprocess.run(
        [sys.executable, "-c", _CHILD], env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise SystemExit(result.stderr)
    return json.loads(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not os.path.exists("/proc/self/status"):
        raise SystemExit("needs Linux's /proc/self/status for resident memory")
    with tempfile.TemporaryDirectory() as folder:
        child(folder)  # writes the snapshot
        runs = {"built from the sources": [], "read from the snapshot": []}
        for _ in range(args.runs):
            runs["built from the sources"].append(child("off"))
            runs["read from the snapshot"].append(child(folder))
    print(f"Fresh processes, median of {args.runs} runs each, taking turns.\n")
    print("| lexicon | load s | RSS before MB | RSS after MB | peak RSS MB |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, results in runs.items():
        median = {key: statistics.median(r[key] for r in results) for key in results[0]}
        print(
            f"| {name} | {median['seconds']:.2f} | {median['before']:.0f} "
            f"| {median['after']:.0f} | {median['peak']:.0f} |"
        )


if __name__ == "__main__":
    main()
