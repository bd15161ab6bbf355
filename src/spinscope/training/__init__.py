"""Fine-tuning and exporting the span + technique model (needs the ``train`` extra: torch)."""
