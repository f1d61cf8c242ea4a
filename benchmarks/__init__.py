"""Benchmarks: one script per headline number, each printing a table and writing JSON to results/."""
