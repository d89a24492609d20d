"""Benchmark harness (dataset generator, page timings, load run). Not part of the app: nothing imports it."""
