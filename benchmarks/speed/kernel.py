"""The compiled kernel against the pure-Python one, on the same documents.

`cleantext.kernel` picks its build when cleantext is imported, so each
measurement runs in a child process, with `CLEANTEXT_PURE_PYTHON` set or not.
The two take turns, round by round (pure, compiled, pure, compiled, ...), and a
round's ratio (the pure kernel's seconds over the compiled one's) is reported as
the median over rounds, with the median seconds. Each child times, after a
warm-up, the fastest of `--repeats` passes (the steps taking turns) of: the line
model alone (`LineModel.probabilities` on every document's block features,
computed beforehand), DropBoilerplate, and the default pipeline; and hashes the
pipeline's outputs, which must be the same under both kernels.

    python -m benchmarks.speed.kernel [--corpus webtrain] [--megabytes 2]
        [--rounds 3] [--repeats 3]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time

import numpy as np

from benchmarks.data import webtrain
from benchmarks.data.corpus import sample


def texts(corpus: str, megabytes: float) -> list[str]:
    if corpus == "webtrain":
        return [text for text, _ in webtrain.real_sample(megabytes)]
    return sample(megabytes)


def child(corpus: str, megabytes: float, repeats: int) -> dict:
    """Seconds of each step's fastest of `repeats` passes over the documents,
    under the kernel this process imported."""
    from cleantext import Document, DropBoilerplate, default_pipeline
    from cleantext.cleaners.boilerplate.features import block_features
    from cleantext.cleaners.boilerplate.model import load_line_model
    from cleantext.kernel import COMPILED
    from cleantext.text.blocks import split_blocks

    docs = texts(corpus, megabytes)
    model = load_line_model()
    matrices = []
    for text in docs:
        blocks = split_blocks(text)
        prose = np.array([block.is_prose for block in blocks], bool)
        matrices.append((block_features(blocks, model.priors), prose))
    drop_boilerplate, pipeline = DropBoilerplate(), default_pipeline()
    steps = {
        "line model (both stages)": lambda: [
            model.probabilities(*pair) for pair in matrices
        ],
        "DropBoilerplate": lambda: [drop_boilerplate(Document(t)) for t in docs],
        "default pipeline": lambda: [pipeline(Document(t)).text for t in docs],
    }
    for step in steps.values():  # warm-up: imports, caches, lexicon
        step()
    seconds = {name: [] for name in steps}
    for _ in range(repeats):  # the steps taking turns; the fastest pass counts
        for name, step in steps.items():
            started = time.perf_counter()
            outputs = step()
            seconds[name].append(time.perf_counter() - started)
    digest = hashlib.sha256("\x00".join(outputs).encode()).hexdigest()
    fastest = {name: min(times) for name, times in seconds.items()}
    return {"compiled": COMPILED, "seconds": fastest, "digest": digest}


def run_child(pure: bool, corpus: str, megabytes: float, repeats: int) -> dict:
    environment = {**os.environ, "CLEANTEXT_PURE_PYTHON": "1" if pure else ""}
    command = [sys.executable, "-m", "benchmarks.speed.kernel", "--child"]
    command += ["--corpus", corpus, "--megabytes", str(megabytes)]
    command += ["--repeats", str(repeats)]
    result = subprocess.run(
        command, env=environment, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus", choices=("synthetic", "webtrain"), default="webtrain"
    )
    parser.add_argument("--megabytes", type=float, default=2.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--repeats", type=int, default=3, help="passes per step in each child"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.corpus, args.megabytes, args.repeats)))
        return 0
    rounds = []
    for _ in range(args.rounds):
        pure, compiled = (
            run_child(kernel, args.corpus, args.megabytes, args.repeats)
            for kernel in (True, False)
        )
        if not compiled["compiled"]:
            parser.error("the compiled kernel is not built: pip install -e . first")
        if pure["digest"] != compiled["digest"]:
            print("the two kernels' outputs differ", file=sys.stderr)
            return 1
        rounds.append((pure["seconds"], compiled["seconds"]))
    size = sum(len(t.encode("utf-8")) for t in texts(args.corpus, args.megabytes))
    print(f"{args.corpus}, {size / 1e6:.1f} MB, {args.rounds} rounds; outputs equal")
    print("| step | pure Python, s | compiled, s | pure / compiled |")
    print("| --- | ---: | ---: | ---: |")
    for name in rounds[0][0]:
        pure_s = statistics.median(p[name] for p, _ in rounds)
        compiled_s = statistics.median(c[name] for _, c in rounds)
        ratio = statistics.median(p[name] / c[name] for p, c in rounds)
        print(f"| {name} | {pure_s:.2f} | {compiled_s:.2f} | {ratio:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
