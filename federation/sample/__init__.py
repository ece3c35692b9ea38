"""Realistic, deterministic sample directories for demos, tests and benchmarks."""

from federation.sample.generator import (
    REFERENCE_DATE,
    SampleDirectory,
    generate_directory,
    regions,
)

__all__ = ["REFERENCE_DATE", "SampleDirectory", "generate_directory", "regions"]
