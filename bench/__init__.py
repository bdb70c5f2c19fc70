"""Benchmarks and their data, run on demand with `python -m bench.run` (`make bench`), never in the test suite."""
