"""Where the economy tests find the real SIE exports (see sie_samples/README.md)."""

from pathlib import Path

SIE_SAMPLES = Path(__file__).resolve().parent / "sie_samples"
