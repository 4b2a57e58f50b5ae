"""Convert a folder of tagger-annotated cables into train/, dev/ and test/ folders of DocBins.

Usage: python scripts/convert.py IN_DIR OUT_DIR [--rules default] [--n-process 2] [--strict]
"""
import os
import sys
import time
from pathlib import Path
from typing import List

if __package__ in (None, ""):  # run as `python scripts/convert.py`: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import srsly
import typer
from tqdm import tqdm
from wasabi import msg

from cable_ner.corpus import SPLITS, CorpusReport, convert_corpus, corpus_problems
from cable_ner.corpus.collection import small_splits
from cable_ner.corpus.hints import parse_hints
from cable_ner.markup import MarkupError, cable_files
from cable_ner.outputs import staged
from scripts.common import (
    DEFAULT_LABELS, LABELS_HELP, RULES_HELP, Arg, Opt, label_translation, parse_labels, parse_rules, report_bad_files,
)

SHIPPED_SAMPLE = Path(__file__).resolve().parent.parent / "assets" / "sample"
OUTPUTS = ("train", "dev", "test", "dev-sample", "labels", "conversion.json", "errors.jsonl")


# fmt: off
def main(
    input_dir: Path = Arg(..., help="Folder of annotated cables (*.txt, searched recursively)"),
    output_dir: Path = Arg(..., help="Folder for train/dev/test .spacy files and the conversion report"),
    lang: str = Opt("en", "--lang", "-l", help="Language of the blank tokenizer"),
    labels: str = Opt(DEFAULT_LABELS, "--labels", help=LABELS_HELP),
    rules: str = Opt("default", "--rules", "-r", help=RULES_HELP),
    dev_fraction: float = Opt(0.1, "--dev", help="Share of cables held out for dev"),
    test_fraction: float = Opt(0.1, "--test", help="Share of cables held out for test"),
    n_process: int = Opt(0, "--n-process", "-n", help="Worker processes (0: all cores)"),
    shard_size: int = Opt(20000, "--shard-size", help="Docs per .spacy shard in each split's folder (bounds memory)"),
    eval_words: int = Opt(50000, "--eval-words", help="Words of dev cables that training scores itself on (dev-sample/; 0: the whole dev split)"),
    max_rejected: float = Opt(0.1, "--max-rejected", help="Fail when a larger share of the cables is bad input"),
    translate_labels: str = Opt("no", "--translate-labels", help="yes: accept other taggers' names of the labels' roles (PERSON for PER ...) and write them as --labels names; no: only --labels"),
    strict: bool = Opt(False, "--strict", help="Stop at the first bad cable with a non-zero exit"),
    hints: str = Opt("none", "--hints", help="What the rules know beyond the entities, written for training: 'none', 'all', or not_entities,unsure_words (cable_ner/corpus/hints.py)"),
):
    # fmt: on
    """Convert annotated cables to DocBins; report per-split counts and every dropped entity.

    Besides train/, dev/ and test/ it writes dev-sample/ (a stable sample of whole dev cables,
    bounded by --eval-words, that training scores itself on), labels/ner.json (the label data
    training starts from, so it never scans the corpus for labels), conversion.json and
    errors.jsonl. They are replaced only when the conversion succeeds: a failed run leaves those
    of the last good run as they were.
    """
    if not input_dir.is_dir():
        msg.fail(f"No folder of cables at {input_dir}",
                 "Give the folder of your annotated cables (--vars.cables_dir in spacy project run).", exits=1)
    if input_dir.resolve() == SHIPPED_SAMPLE.resolve() or SHIPPED_SAMPLE.resolve() in input_dir.resolve().parents:
        msg.warn(f"Reading the shipped synthetic sample ({input_dir}), not your own cables",
                 "To convert your collection: spacy project run all . --vars.cables_dir /path/to/cables "
                 "(check the variable's spelling: an unknown --vars name is ignored)")
    label_set = parse_labels(labels)
    span_rules, roles = parse_rules(rules, label_set)
    if translate_labels not in ("yes", "no"):
        msg.fail(f"--translate-labels takes yes or no, not '{translate_labels}'", exits=1)
    translate = label_translation(label_set) if translate_labels == "yes" else None
    try:
        hint_names = parse_hints(hints)
    except ValueError as err:
        msg.fail(str(err), exits=1)
    paths = cable_files(input_dir)
    if not paths:
        msg.fail(f"No *.txt cables found in {input_dir}", "Point IN_DIR at a folder of annotated cables.", exits=1)
    workers = n_process or os.cpu_count() or 1
    rule_names = [rule.name for rule in span_rules]
    msg.info(f"Converting {len(paths)} cables from {input_dir} with {workers} process(es); rules: {', '.join(rule_names) or 'none'}")
    started = time.time()
    with staged(output_dir, OUTPUTS) as staging:
        try:
            with tqdm(total=len(paths), unit="cable", disable=None) as progress:
                report = convert_corpus(
                    paths, staging, lang=lang, labels=label_set, rules=span_rules, roles=roles, translate=translate,
                    dev_fraction=dev_fraction,
                    test_fraction=test_fraction, n_process=min(workers, len(paths)), shard_size=shard_size,
                    strict=strict, progress=progress, eval_words=eval_words, hints=hint_names,
                )
        except MarkupError as err:
            msg.fail(f"Bad cable (--strict): {err}", f"Nothing in {output_dir} was changed.", exits=1)
        seconds = time.time() - started
        print_report(report, label_set)
        problems = report.ledger.check()
        for problem in problems:
            msg.fail(f"Accounting mismatch: {problem}")
        unusable = corpus_problems(report, len(paths), max_rejected, dev_fraction, test_fraction)
        if unusable:
            report_bad_files(report.failures, None)
            for problem in unusable:
                msg.fail(f"Cannot train on this corpus: {problem}")
            msg.fail(f"Conversion failed; nothing in {output_dir} was changed.", exits=1)
        summary = report.to_dict()
        summary.update(seconds=round(seconds, 2), cables_per_second=round(len(paths) / max(seconds, 1e-9), 1),
                       rules=rule_names, labels=label_set, input_dir=str(input_dir), hints=hint_names)
        srsly.write_json(staging / "conversion.json", summary)
        (staging / "labels").mkdir()
        srsly.write_json(staging / "labels" / "ner.json", report.ner_labels(label_set))
        srsly.write_jsonl(staging / "errors.jsonl", [failure.as_record() for failure in report.failures])
        if problems:
            raise typer.Exit(1)
    report_bad_files(report.failures, output_dir / "errors.jsonl")
    for warning in small_splits(report):
        msg.warn(f"Small held-out split: {warning}")
    if report.text_brackets:
        msg.info(f"{len(report.text_brackets)} cable(s) hold {sum(report.text_brackets.values())} square bracket(s) "
                 "that are text, not markup (redactions, insertions); kept as text, counted per cable in conversion.json")
    if report.duplicates:
        msg.info(f"{report.duplicates} duplicate cable(s) (same text) kept in the same split as their twin")
    msg.good(f"Converted {len(paths) - len(report.failures)} cables in {seconds:.1f}s to {output_dir}")


def print_report(report: CorpusReport, label_set: List[str]) -> None:
    """Per-split counts, each rule's changes and the per-label ledger, as tables."""
    ledger = report.ledger
    # Labels found outside the label set are shown too, never hidden.
    shown = label_set + sorted((set(ledger.read) | set(ledger.converted)) - set(label_set))
    header = ("split", "cables", "docs", "tokens", *shown)
    rows = [(split, *(report.per_split[split][key] for key in ("cables", "docs", "tokens")),
             *(report.per_split[split][f"ent_{label}"] for label in shown)) for split in SPLITS]
    msg.table(rows, header=header, divider=True, aligns=("l",) + ("r",) * (len(header) - 1))
    if report.dev_sample:
        msg.info(f"Training scores itself on dev-sample: {report.dev_sample['cables']} of the "
                 f"{report.per_split['dev']['cables']} dev cables, {report.dev_sample['tokens']:,} tokens (--eval-words)")
    if ledger.rule_changes:
        msg.table(sorted(ledger.rule_changes.items()), header=("span rule", "changes"), divider=True, aligns=("l", "r"))
    entity_rows = [(label, ledger.read[label], ledger.after_rules[label], ledger.converted[label],
                    ledger.dropped_total()[label]) for label in shown]
    msg.table(entity_rows, header=("label", "read", "after rules", "converted", "dropped"), divider=True,
              aligns=("l", "r", "r", "r", "r"))
    for reason, counts in sorted(ledger.dropped.items()):
        msg.warn(f"Dropped {sum(counts.values())} entities: {reason} ({dict(counts)})")
    for reason, counts in sorted(ledger.repaired.items()):
        msg.info(f"Repaired {sum(counts.values())} entities: {reason} ({dict(counts)})")


if __name__ == "__main__":
    typer.run(main)
