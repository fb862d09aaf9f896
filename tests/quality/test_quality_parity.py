"""cleantext's presets decide as datatrove's filters
(benchmarks.accuracy.evaluate_quality).

datatrove and spaCy are the optional `parity` extra. Without them this module is
skipped, except where CLEANTEXT_REQUIRE_EXTRAS is set (CI, which installs them):
there a missing reference is an error, never a silent skip.
"""

import pytest

from tests.conftest import require_extra

require_extra("parity", "datatrove", "spacy")

from benchmarks.accuracy.evaluate_quality import (
    MIN_AGREEMENT,
    PRESETS,
    compare,
    known_differences,
)
from benchmarks.data.quality_corpus import generate


@pytest.fixture(scope="module")
def differences():
    return compare(generate())


@pytest.mark.parametrize("preset", PRESETS)
def test_decisions_and_reasons_agree_with_datatrove(differences, preset):
    found = differences[preset]
    assert 1 - len(found) / len(generate()) >= MIN_AGREEMENT
    unexplained = [d for d in found if d["id"] not in known_differences()[preset]]
    assert unexplained == []


def test_the_corpus_is_large_and_varied():
    documents = generate()
    assert len(documents) >= 1000
    assert len({text for _, text in documents}) == len(documents)
