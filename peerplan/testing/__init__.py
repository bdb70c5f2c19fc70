"""What the tests build with: `factories` (plain builders) and `fixtures` (the same, as pytest fixtures).

Only tests import this package; the root conftest.py registers `fixtures` for the whole suite.
"""
