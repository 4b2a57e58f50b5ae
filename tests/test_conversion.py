"""One cable to Docs (accounting, alignment, packing), splits, shards and the DocBin writers."""
import shutil
import zlib
from collections import Counter

import spacy
from spacy.tokens import DocBin
from spacy.tokens import Span as DocSpan

from cable_ner.cable_text import clean_cable, paragraphs
from cable_ner.corpus import (
    SPLITS, annotated_to_docs, assign_split, content_hash, conversion_pipeline, convert_corpus, convert_file, read_split,
)
from cable_ner.corpus.docbin import DOC_ATTRS, Shard
from cable_ner.markup import cable_files, parse_markup, read_cable_file
from cable_ner.rules import apply_rules

from conftest import LABELS, SAMPLE_DIR


def test_seed_cable_every_entity_accounted_for(nlp, seed_path, default_rules):
    result = convert_file(nlp, seed_path, LABELS, default_rules)
    ledger = result.ledger
    assert sum(ledger.read.values()) == 353
    assert ledger.check() == []
    assert sum(ledger.converted.values()) + sum(ledger.dropped_total().values()) == sum(ledger.after_rules.values())
    assert dict(ledger.dropped) == {}  # page-break headers and their city stay
    entities = [ent for doc in result.docs for ent in doc.ents]
    assert len(entities) == sum(ledger.converted.values())
    assert all(doc.user_data["cable_id"] == seed_path.stem for doc in result.docs)
    assert len(result.docs) == 23  # the header and 22 numbered paragraphs


def test_seed_cable_without_rules_keeps_every_span(nlp, seed_path):
    result = convert_file(nlp, seed_path, LABELS, [])
    assert sum(result.ledger.read.values()) == sum(result.ledger.after_rules.values()) == 353
    assert sum(result.ledger.converted.values()) == 353
    assert result.ledger.check() == []


def test_basic_fixes_move_punctuation_and_possessives_out(nlp, default_rules):
    markup = "[PER Trevane  ] said “no” to [LOC Bolivia.”  ] and to [MISC Peru’s  ] plan , not [PER Trevane’s  ] ."
    result = annotated_to_docs(nlp, "x", parse_markup(markup), default_rules)
    (doc,) = result.docs
    assert [(e.text, e.label_) for e in doc.ents] == [("Trevane", "PER"), ("Bolivia", "LOC"), ("Peru", "LOC"), ("Trevane", "PER")]
    assert result.ledger.rule_changes["trim_edge_punctuation"] == 1
    assert result.ledger.rule_changes["split_off_possessive"] == 2


def test_misaligned_spans_are_repaired_or_counted(nlp):
    result = annotated_to_docs(nlp, "x", parse_markup("FM [LOC WASHDC ]C O N F and [PER Ann  ]"), ())
    assert result.ledger.repaired["expanded_to_token_boundary"] == {"LOC": 1}
    assert [(e.text, e.label_) for e in result.docs[0].ents] == [("WASHDCC", "LOC"), ("Ann", "PER")]
    assert result.ledger.check() == []


def test_spans_that_expand_into_one_token_keep_one_and_count_the_other(nlp):
    result = annotated_to_docs(nlp, "x", parse_markup("FM [LOC WASH  ][ORG DC  ] TO [PER Ann  ] and Bob"), ())
    assert [(e.text, e.label_) for e in result.docs[0].ents] == [("WASHDC", "LOC"), ("Ann", "PER")]
    assert [t.ent_iob_ for t in result.docs[0]] == ["O", "B", "O", "B", "O", "O"]
    assert result.ledger.repaired["expanded_to_token_boundary"] == {"LOC": 1, "ORG": 1}
    assert result.ledger.dropped["overlaps_after_alignment"] == {"ORG": 1}
    assert result.ledger.converted == {"LOC": 1, "PER": 1}
    assert result.ledger.check() == []


def test_split_is_deterministic_and_by_content():
    digest = content_hash("A cable  about\nLima.")
    assert digest == content_hash("A cable about Lima.")  # spacing does not matter
    assert assign_split(digest, 0.1, 0.1) == assign_split(digest, 0.1, 0.1)
    splits = Counter(assign_split(content_hash(str(i)), 0.1, 0.1) for i in range(5000))
    assert 400 < splits["test"] < 600 and 400 < splits["dev"] < 600


def _split_of_each_cable(folder, tmp_path, name, **options):
    out = tmp_path / name
    convert_corpus(cable_files(folder), out, labels=LABELS, rules=[], **options)
    vocab = spacy.blank("en").vocab
    found = {}
    for split in SPLITS:
        for doc in read_split(out / split, vocab):
            found.setdefault(doc.user_data["cable_id"], set()).add(split)
    return found


def test_corpus_split_has_no_leakage_and_is_stable_when_cables_are_added(tmp_path):
    sample = sorted(cable_files(SAMPLE_DIR / "silver"))[:40]
    small = tmp_path / "small"
    small.mkdir()
    for path in sample[:30]:
        shutil.copy(path, small / path.name)
    before = _split_of_each_cable(small, tmp_path, "before", dev_fraction=0.2, test_fraction=0.2)
    for path in sample[30:]:
        shutil.copy(path, small / path.name)
    # An identical cable under another name must land in its twin's split.
    shutil.copy(sample[0], small / "duplicate-of-first.txt")
    after = _split_of_each_cable(small, tmp_path, "after", dev_fraction=0.2, test_fraction=0.2, n_process=2)
    assert all(len(splits) == 1 for splits in after.values()), "a cable's paragraphs landed in two splits"
    assert all(after[cable] == splits for cable, splits in before.items())
    assert after["duplicate-of-first"] == after[sample[0].stem]
    assert {s for splits in after.values() for s in splits} == set(SPLITS)


def test_corpus_report_counts_match_the_docbins(tmp_path, default_rules):
    paths = sorted(cable_files(SAMPLE_DIR / "silver"))[:20]
    report = convert_corpus(paths, tmp_path, labels=LABELS, rules=default_rules, dev_fraction=0.2, test_fraction=0.2)
    vocab = spacy.blank("en").vocab
    for split in SPLITS:
        docs = read_split(tmp_path / split, vocab)
        counts = report.per_split[split]
        assert counts["docs"] == len(docs)
        assert counts["tokens"] == sum(len(d) for d in docs)
        labels = Counter(e.label_ for d in docs for e in d.ents)
        assert {k[4:]: v for k, v in counts.items() if k.startswith("ent_")} == dict(labels)
    assert report.ledger.check() == []
    assert sum(report.per_split[s]["cables"] for s in SPLITS) == 20


def test_splits_are_written_as_bounded_shards(tmp_path):
    paths = sorted(cable_files(SAMPLE_DIR / "silver"))[:12]
    report = convert_corpus(paths, tmp_path, labels=LABELS, rules=[], shard_size=5, dev_fraction=0.2, test_fraction=0.2)
    vocab = spacy.blank("en").vocab
    train_shards = sorted((tmp_path / "train").glob("*.spacy"))
    assert len(train_shards) >= 2
    for shard in train_shards:
        docs = list(DocBin().from_disk(shard).get_docs(vocab))
        assert len(docs) <= 5 or len({doc.user_data["cable_id"] for doc in docs}) == 1
    assert len(read_split(tmp_path / "train", vocab)) == report.per_split["train"]["docs"]
    # A second run into the same folder replaces the shards instead of adding to them.
    convert_corpus(paths, tmp_path, labels=LABELS, rules=[], shard_size=5, dev_fraction=0.2, test_fraction=0.2)
    assert len(read_split(tmp_path / "train", vocab)) == report.per_split["train"]["docs"]


PARAGRAPH_EDGES = "[PER Ann  ] said so. \n\n  Next [LOC Lima  ] :)\n \n\tthird\xa0 one ( U.S. ) \n\n\n\nlast\n"


def _shard(result, fast: bool) -> Shard:
    shard = Shard(fast=fast)
    shard.add(result.packed)
    return shard


def test_packed_paragraphs_are_the_docs_spacy_makes_of_each_paragraph_alone(nlp, seed_path, default_rules):
    """A cable is tokenized once and its paragraphs cut out of the columns: each must read back as
    the Doc spaCy's DocBin.add writes for that paragraph tokenized alone."""

    def read_back(data: bytes):
        fresh = spacy.blank("en").vocab  # only the strings the DocBin carries are known
        return [
            ([t.text for t in doc], [t.whitespace_ for t in doc], [(e.start, e.end, e.label_) for e in doc.ents], doc.user_data)
            for doc in DocBin().from_bytes(data).get_docs(fresh)
        ]

    edge_cases = parse_markup(PARAGRAPH_EDGES)
    for annotated, rules in ((read_cable_file(seed_path), default_rules), (edge_cases, [])):
        result = annotated_to_docs(nlp, "x", annotated, rules)
        cleaned = clean_cable(annotated.text, apply_rules(annotated.text, annotated.spans, rules).spans).text
        alone = [nlp.make_doc(cleaned[start:end]) for start, end in paragraphs(cleaned)]
        ours = result.docs
        assert [[(t.text, t.whitespace_) for t in doc] for doc in ours] == [[(t.text, t.whitespace_) for t in doc] for doc in alone]
        for reference, doc in zip(alone, ours):
            reference.ents = [DocSpan(reference, e.start, e.end, e.label_) for e in doc.ents]
            reference.user_data.update(doc.user_data)
        theirs = DocBin(attrs=list(DOC_ATTRS), store_user_data=True, docs=alone)
        assert read_back(_shard(result, True).to_bytes()) == read_back(theirs.to_bytes())
        assert [doc.user_data["paragraph"] for doc in ours] == list(range(len(alone)))
    assert len(alone) == 4 and [(e.text, e.label_) for doc in ours for e in doc.ents] == [("Ann", "PER"), ("Lima", "LOC")]


def test_conversion_tokenizer_gives_spacys_tokens(nlp, seed_path):
    """The converter's faster tokenizer must make exactly the tokens the trained model will see."""
    annotated = read_cable_file(seed_path)
    cleaned = clean_cable(annotated.text, annotated.spans).text
    texts = [annotated.text] + [cleaned[start:end] for start, end in paragraphs(cleaned)]
    texts += ["a  b", "a \n\n b", "x\t\ty", "no\xa0break \xa0 x", " lead", "trail ", "Mr. Smith\n( U.S. ) :)\r\nend."]
    fast = conversion_pipeline("en")
    assert len(fast.tokenizer.rules) < len(nlp.tokenizer.rules)
    for text in texts:
        assert [(t.text, t.whitespace_) for t in fast.make_doc(text)] == [(t.text, t.whitespace_) for t in nlp.make_doc(text)]


def test_fast_shard_writer_holds_spacys_own_message(nlp, seed_path, default_rules):
    """The fast writer compresses faster than DocBin.to_bytes; what it compresses must be the same."""
    result = convert_file(nlp, seed_path, LABELS, default_rules)
    shard = _shard(result, True)
    assert zlib.decompress(shard.to_bytes()) == zlib.decompress(shard.doc_bin.to_bytes())
    assert zlib.decompress(Shard(fast=True).to_bytes()) == zlib.decompress(Shard(fast=True).doc_bin.to_bytes())
    read = list(DocBin().from_bytes(shard.to_bytes()).get_docs(nlp.vocab))
    assert [[(t.text, t.ent_iob_, t.ent_type_) for t in doc] for doc in read] == [
        [(t.text, t.ent_iob_, t.ent_type_) for t in doc] for doc in result.docs
    ]


def test_fast_and_public_writers_write_the_same_shard_files(tmp_path, monkeypatch, seed_path, default_rules):
    """The public way (DocBin.add, taken on spaCy versions the fast way was not checked on) and the
    fast way write byte-identical shards."""
    from cable_ner.corpus import docbin

    folder = tmp_path / "cables"
    folder.mkdir()
    for path in [*sorted(cable_files(SAMPLE_DIR / "silver"))[:30], seed_path]:
        shutil.copy(path, folder / path.name)
    options = dict(labels=LABELS, rules=default_rules, dev_fraction=0.2, test_fraction=0.2, shard_size=10)
    monkeypatch.setattr(docbin, "FAST_WRITER", True)
    convert_corpus(cable_files(folder), tmp_path / "fast", **options)
    monkeypatch.setattr(docbin, "FAST_WRITER", False)
    convert_corpus(cable_files(folder), tmp_path / "public", **options)
    fast = sorted(p.relative_to(tmp_path / "fast") for p in (tmp_path / "fast").rglob("*.spacy"))
    public = sorted(p.relative_to(tmp_path / "public") for p in (tmp_path / "public").rglob("*.spacy"))
    assert fast == public and len(fast) > 3
    for shard in fast:
        assert (tmp_path / "fast" / shard).read_bytes() == (tmp_path / "public" / shard).read_bytes(), shard
