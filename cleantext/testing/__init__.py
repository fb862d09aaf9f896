"""Golden-output suites (`golden`) and the pytest plugin installed with cleantext
(entry point `pytest11`: the `golden` fixture and `--update-golden`)."""

from cleantext.testing.plugin import Golden, golden, golden_params, pytest_addoption

__all__ = ["Golden", "golden", "golden_params", "pytest_addoption"]
