"""Benchmarks: figures for speed and quality, run by hand, reported in issue notes."""
