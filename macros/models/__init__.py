"""Pydantic models, one module per data file (shape only; references are checked in reference_pass.py)."""
