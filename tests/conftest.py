"""Shared fixtures: paths to the project, the shared seed cable and the shipped sample."""
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent
SHARED_DIR = PROJECT_DIR.parent / "shared"
SEED_DIR = SHARED_DIR / "seeds"
REAL_DEV_DIR = SHARED_DIR / "real-dev"
SAMPLE_DIR = PROJECT_DIR / "assets" / "sample"
LABELS = ("PER", "ORG", "LOC", "MISC")


@pytest.fixture(scope="session")
def seed_path() -> Path:
    paths = sorted(SEED_DIR.glob("*.txt"))
    if not paths:
        pytest.skip(f"the real seed cable is not here ({SEED_DIR} is absent: it sits beside the checkout in CI)")
    return paths[0]


@pytest.fixture(scope="session")
def nlp():
    import spacy

    return spacy.blank("en")


@pytest.fixture(scope="session")
def default_rules():
    from cable_ner.rules import default_rules

    return default_rules()
