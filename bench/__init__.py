"""Benchmarks of the handbook: `make bench` runs bench/run.py (see bench/README.md)."""
