"""The line model: two stages of gradient-boosted oblivious trees that give each
block of a document the probability that it is article content, shipped as one
data file (`rules/line-model.npz`, written by
`benchmarks/training/line_model.py`; its card is `rules/line-model.md`).

Stage one judges each block from its features (`features.block_features`); stage
two judges it again from the same features and stage one's verdicts on the blocks
around it (`features.verdict_features`): a block amid content is more likely
content. Inference needs numpy only; the trees are evaluated by the kernel
(`cleantext.kernel.TreeSums`: compiled when built, numpy otherwise).
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

import numpy as np

from cleantext.cleaners.boilerplate.features import (
    FEATURE_NAMES,
    VERDICT_FEATURE_NAMES,
    verdict_features,
)
from cleantext.errors import ConfigError
from cleantext.kernel import TreeSums
from cleantext.resources.data import data_file

MODEL_FILE = Path(__file__).resolve().parents[2] / "rules" / "line-model.npz"
_FORMAT = 2
_MAX_DEPTH = 16
_MAX_UNPACKED_BYTES = 256 * 2**20  # the shipped model unpacks to 20 MB


@dataclass(frozen=True)
class ObliviousTrees:
    """Trees of equal depth D: tree t sends a row to leaf
    sum over d of 2**d * (row[feature[t, d]] > border[t, d]), whose value it adds
    to the row's log-odds (times `scale`, plus `bias`)."""

    feature: np.ndarray  # (trees, depth) column indexes
    border: np.ndarray  # (trees, depth) float32 thresholds
    leaves: np.ndarray  # (trees, 2 ** depth) values
    scale: float = 1.0
    bias: float = 0.0

    @classmethod
    def from_catboost(cls, model: dict) -> ObliviousTrees:
        """The trees of a CatBoost model saved as JSON (float features only)."""
        trees = model["oblivious_trees"]
        depth = {len(tree["splits"]) for tree in trees}
        if len(depth) != 1:
            raise ValueError("trees of different depths")
        for tree in trees:
            if any(s["split_type"] != "FloatFeature" for s in tree["splits"]):
                raise ValueError("only float-feature splits are supported")
        scale, bias = model["scale_and_bias"]
        return cls(
            np.array(
                [[s["float_feature_index"] for s in t["splits"]] for t in trees],
                np.int32,
            ),
            np.array([[s["border"] for s in t["splits"]] for t in trees], np.float32),
            np.array([t["leaf_values"] for t in trees], np.float32),
            float(scale),
            float(bias[0] if isinstance(bias, list) else bias),
        )

    def log_odds(self, features: np.ndarray) -> np.ndarray:
        """The log-odds of content for each row of float32 `features`."""
        return self._sums.sums(features) * self.scale + self.bias

    @cached_property
    def _sums(self) -> TreeSums:
        """The trees as the kernel evaluates them (compiled when built)."""
        return TreeSums(self.feature, self.border, self.leaves)

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.log_odds(features)))

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        return {
            f"{prefix}_feature": self.feature,
            f"{prefix}_border": self.border,
            f"{prefix}_leaves": self.leaves,
            f"{prefix}_scale_bias": np.array([self.scale, self.bias]),
        }

    @classmethod
    def from_arrays(cls, arrays, prefix: str, columns: int) -> ObliviousTrees:
        """The trees saved under `prefix`, checked to ask only of `columns`
        features and to have a leaf for every path."""
        scale, bias = arrays[f"{prefix}_scale_bias"].tolist()
        feature = arrays[f"{prefix}_feature"]
        border, leaves = arrays[f"{prefix}_border"], arrays[f"{prefix}_leaves"]
        trees, depth = feature.shape
        if border.shape != feature.shape or leaves.shape != (trees, 2**depth):
            raise ValueError(f"{prefix} trees: arrays of mismatched shapes")
        if not 0 < depth <= _MAX_DEPTH or feature.min() < 0 or feature.max() >= columns:
            raise ValueError(f"{prefix} trees ask of features this version lacks")
        return cls(feature, border, leaves, scale, bias)


def priors_speak(languages: Collection[str], language: str) -> bool:
    """Whether word priors counted on pages in `languages` apply to a document in
    `language` (an undetermined one included: too short to tell, judged as before
    there was language identification)."""
    return language == "und" or language in languages


@dataclass(frozen=True)
class LineModel:
    """The two stages, the word priors they were trained with, and what the file
    says of itself (feature names, checked at load; training facts)."""

    first: ObliviousTrees
    second: ObliviousTrees
    priors: dict[str, float]
    info: dict = field(default_factory=dict)

    def priors_for(self, language: str) -> dict[str, float]:
        """The word priors for a document in `language`: those the model was
        trained with for the languages they were counted in (and for an
        undetermined one), none for others, as the model was trained to judge
        such pages (`info["prior_languages"]`)."""
        languages = self.info.get("prior_languages")
        if languages is None or priors_speak(languages, language):
            return self.priors
        return {}

    def probabilities(
        self, features: np.ndarray, prose: np.ndarray, rows: np.ndarray | None = None
    ) -> np.ndarray:
        """The probability that each block is content, from its features and
        whether each block is prose (the blocks a model judges); only for the
        blocks `rows` indexes, if given (stage one still judges every block, as
        stage two reads its verdicts on the neighbours)."""
        first = self.first.probabilities(features)
        context = verdict_features(first, prose)
        if rows is not None:
            features, context = features[rows], context[rows]
        return self.second.probabilities(np.hstack([features, context]))

    def save(self, path: Path) -> None:
        words = sorted(self.priors)
        meta = {
            "format": _FORMAT,
            "feature_names": list(FEATURE_NAMES),
            "verdict_feature_names": list(VERDICT_FEATURE_NAMES),
            **self.info,
        }
        with open(path, "wb") as handle:
            np.savez_compressed(
                handle,
                **self.first.arrays("first"),
                **self.second.arrays("second"),
                words=np.array(words),
                priors=np.array([self.priors[w] for w in words], np.float32),
                meta=np.array(json.dumps(meta, sort_keys=True)),
            )

    @classmethod
    def load(cls, source=None) -> LineModel:
        """The model in `source` (a path), by default the packaged one; refused
        when it was trained with other features than this code computes."""
        with (Path(source) if source else data_file("line-model.npz")).open(
            "rb"
        ) as handle:
            try:
                return cls._read(handle)
            except ConfigError:
                raise
            except (KeyError, ValueError, TypeError, zipfile.BadZipFile) as exc:
                raise ConfigError(
                    f"{source or 'line-model.npz'} is not a line model this version "
                    f"can use: {exc}"
                ) from None

    @classmethod
    def _read(cls, handle) -> LineModel:
        with zipfile.ZipFile(handle) as archive:  # a zip bomb is refused unread
            unpacked = sum(member.file_size for member in archive.infolist())
        if unpacked > _MAX_UNPACKED_BYTES:
            raise ValueError(f"it unpacks to {unpacked:,} bytes")
        handle.seek(0)
        with np.load(handle, allow_pickle=False) as arrays:
            meta = json.loads(str(arrays["meta"]))
            if meta.get("format") != _FORMAT:
                raise ConfigError(f"line model format {meta.get('format')} unknown")
            names = (meta.pop("feature_names"), meta.pop("verdict_feature_names"))
            if names != (list(FEATURE_NAMES), list(VERDICT_FEATURE_NAMES)):
                raise ConfigError(
                    "the line model was trained with other features than this "
                    "version computes; retrain it: "
                    "python -m benchmarks.training.line_model"
                )
            priors = dict(
                zip(arrays["words"].tolist(), arrays["priors"].tolist(), strict=True)
            )
            columns = len(FEATURE_NAMES)
            return cls(
                ObliviousTrees.from_arrays(arrays, "first", columns),
                ObliviousTrees.from_arrays(
                    arrays, "second", columns + len(VERDICT_FEATURE_NAMES)
                ),
                priors,
                meta,
            )


@cache
def load_line_model(path: str = "") -> LineModel:
    """The model in the file `path`, by default the packaged one; loaded once per
    process and path."""
    try:
        return LineModel.load(path or None)
    except OSError as exc:
        raise ConfigError(f"cannot read line model {path}: {exc}") from exc


def expected_f1_cut(
    probabilities: np.ndarray, weights: np.ndarray, kept_weight: float
) -> float:
    """The probability cut that maximises the expected word F1 of a document: its
    judged blocks (their content probabilities and word counts) kept from the most
    likely down, with `kept_weight` words kept regardless (tables, code)."""
    order = np.argsort(-probabilities, kind="stable")
    ranked, words = probabilities[order], weights[order]
    expected_gold = float(probabilities @ weights) + kept_weight
    hits = np.cumsum(ranked * words) + kept_weight
    kept = np.cumsum(words) + kept_weight
    f1 = 2 * hits / (kept + expected_gold)
    return float(ranked[int(np.argmax(f1))])
