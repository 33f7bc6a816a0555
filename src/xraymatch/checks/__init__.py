"""Great Expectations suites, one per data boundary, run through one shared runner (`run_suite`)."""

from xraymatch.checks.runner import SuiteResult, run_suite

__all__ = ["SuiteResult", "run_suite"]
