"""Helpers the tests share: paths, small articles and pages, strategies, template rendering, the hardening tally."""
