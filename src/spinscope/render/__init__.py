"""Turning analyses into something to read: terminal, JSON, PTC lines, HTML."""
