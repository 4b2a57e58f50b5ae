"""Shared fixtures: paths to the project, the shared seed cable and the shipped sample."""
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent
SHARED_DIR = PROJECT_DIR.parent / "shared"
SEED_DIR = SHARED_DIR / "seeds"
SAMPLE_DIR = PROJECT_DIR / "assets" / "sample"

sys.path.insert(0, str(PROJECT_DIR))


@pytest.fixture(scope="session")
def seed_path() -> Path:
    paths = sorted(SEED_DIR.glob("*.txt"))
    assert paths, f"the real seed cable is expected in {SEED_DIR}"
    return paths[0]


@pytest.fixture(scope="session")
def nlp():
    import spacy

    return spacy.blank("en")
