"""The bundled seeds against their reviewed expected outputs in seeds/golden/."""

import pytest

from cleantext.testing import golden_params
from tests.conftest import SEEDS


@pytest.mark.parametrize("case", golden_params(SEEDS))
def test_seed_matches_reviewed_golden_output(case, golden):
    golden.check_case(case)
