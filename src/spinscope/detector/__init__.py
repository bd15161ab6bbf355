"""Detectors: models that find technique spans in documents."""
