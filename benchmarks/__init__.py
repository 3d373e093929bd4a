"""Benchmarks: scripts run from the project root (docs/benchmarks.md) and the synthetic data they
share (`evaluation_set`). Tests import it; the product never does."""
