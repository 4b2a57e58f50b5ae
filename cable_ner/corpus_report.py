"""Reading what ``convert`` reported about a corpus (``corpus/conversion.json``): where its
cables came from, how many each split holds, and whether they are the shipped synthetic sample."""
from pathlib import Path
from typing import Dict, Optional

import srsly

SAMPLE_DIR_NAME = "assets/sample/silver"


def corpus_origin(corpus_report: Optional[Path]) -> Dict[str, object]:
    """Where the training cables came from: folder, count, tokens, rules, test cables, and whether it is the shipped sample."""
    report = srsly.read_json(corpus_report) if corpus_report is not None and corpus_report.exists() else {}
    splits = report.get("splits", {})
    input_dir = str(report.get("input_dir", "an unknown folder"))
    return {"input_dir": input_dir, "cables": splits.get("train", {}).get("cables", 0), "tokens": splits.get("train", {}).get("tokens", 0),
            "test_cables": splits.get("test", {}).get("cables", 0), "rules": report.get("rules", []),
            "synthetic": Path(input_dir).as_posix().endswith(SAMPLE_DIR_NAME)}
