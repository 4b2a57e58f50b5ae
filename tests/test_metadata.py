"""Cable metadata: id, date with its precision, post, classification, subject, TAGS, paragraphs."""
import doctest
from pathlib import Path

import pytest

import cable_ner.aleph
import cable_ner.metadata
from cable_ner.metadata import Paragraphs, read_metadata

from conftest import SHARED_DIR

RAW = ("C O N F I D E N T I A L SECTION 01 OF 03 NORTH PORT 000123 \n \nSIPDIS \n \n"
       "E.O. 12958: DECL: 03/21/2017 \nTAGS: PREL PGOV XX\n\nSUBJECT: HARBOUR TALKS WITH THE \nMINISTER \n \n"
       "Classified By: Ambassador Ada Trevane for reasons 1.4 (b) and (d) \n\n"
       "1. (C) The minister met us.\n\n2. (C) He said:\n3. Next.\n\n5. (C) Last.\n4. A list item\n")
PREAMBLE = ("07NORTHPORT123\nHARBOUR TALKS\nTue Mar 13 00:00:00 +0100 2007\nCONFIDENTIAL//NOFORN\nEmbassy North Port\n"
            "VZCZCXYZ0001\nR 120930Z MAR 07\nFM AMEMBASSY NORTH PORT\nTO RUEHC/SECSTATE WASHDC ROUTINE 0001\n")
PAGE = ("<code><pre>S E C R E T SECTION 01 OF 02 NORTH PORT 000123 SIPDIS SIPDIS DEPT FOR EUR/CE EO 12958 DECL: "
        "07/10/2017 TAGS PGOV , PREL , XX SUBJECT: TALKS ON TRADE Classified By: Charge Ada Trevane for reasons 1.4 ( B ) "
        "<a id='par1' href='#par1'>¶</a>1 . \n( C ) Text .\n<a id='par2' href='#par2'>¶</a>2 . \n( C ) More .")


def test_a_raw_cable_dates_by_its_id_year_never_by_the_declassification_date():
    meta = read_metadata(RAW, "07NORTHPORT123")
    assert meta == {"id": "07NORTHPORT123", "date": "2007", "date_precision": "year", "year": 2007, "post": "NORTH PORT",
                    "classification": "CONFIDENTIAL", "subject": "HARBOUR TALKS WITH THE MINISTER", "tags": ["PREL", "PGOV", "XX"]}
    assert read_metadata(RAW, "")["date"] == ""  # no id: the DECL date is still no date


def test_the_preamble_and_the_date_time_group_give_the_day():
    meta = read_metadata(PREAMBLE + RAW, "any-name")
    assert (meta["id"], meta["date"], meta["date_precision"], meta["post"]) == ("07NORTHPORT123", "2007-03-13", "day", "NORTH PORT")
    routed = read_metadata(PREAMBLE.split("\n", 6)[-1] + RAW, "07NORTHPORT123")
    assert (routed["date"], routed["date_precision"], routed["year"]) == ("2007-03-12", "day", 2007)
    assert read_metadata("R 120930Z MAR 99\n" + RAW, "99NORTHPORT123")["year"] == 1999


def test_the_tagger_page_form_gives_post_classification_subject_and_tags():
    meta = read_metadata(PAGE, "page")
    assert (meta["id"], meta["date"], meta["post"], meta["classification"]) == ("", "", "NORTH PORT", "SECRET")
    assert meta["subject"] == "TALKS ON TRADE" and meta["tags"] == ["PGOV", "PREL", "XX"]


@pytest.mark.parametrize("text", ["Just a note about a meeting.", "", "SUBJECT:", "1. (C) A paragraph without a header."])
def test_a_text_without_a_header_gets_empty_fields(text):
    meta = read_metadata(text, "notes")
    assert meta == {"id": "", "date": "", "date_precision": "", "year": None, "post": "", "classification": "",
                    "subject": "", "tags": []}


def test_paragraph_numbers_follow_the_cable_and_only_grow():
    paragraphs = Paragraphs(RAW)
    assert paragraphs.number_at(RAW.index("HARBOUR")) == 0
    assert paragraphs.number_at(RAW.index("minister met")) == 1
    assert paragraphs.number_at(RAW.index("Next.")) == 3  # "3." after 2 is a paragraph
    assert paragraphs.number_at(RAW.index("A list item")) == 5  # "4." after 5 is not
    page = Paragraphs(PAGE)
    assert page.number_at(PAGE.index("Text")) == 1 and page.number_at(PAGE.index("More")) == 2


def test_the_examples_in_the_docstrings_hold():
    for module in (cable_ner.metadata, cable_ner.aleph):
        result = doctest.testmod(module)
        assert result.attempted > 0 and result.failed == 0


REAL_RAW = SHARED_DIR / "real-raw" / "raw"


@pytest.mark.skipif(not REAL_RAW.is_dir(), reason=f"the real raw cables are not here ({REAL_RAW} is absent: it sits beside the checkout in CI)")
def test_nearly_every_real_raw_cable_gets_a_date_and_a_post():
    paths = sorted(Path(REAL_RAW).glob("*.txt"))
    metas = [read_metadata(path.read_text(encoding="utf-8-sig"), path.stem) for path in paths]
    assert len(metas) >= 1000
    dated = sum(bool(meta["date"]) for meta in metas)
    posted = sum(bool(meta["post"]) for meta in metas)
    assert dated >= 0.95 * len(metas) and posted >= 0.95 * len(metas), (dated, posted)
    # the year is the id's, never a declassification year ten years on
    assert all(meta["year"] == int(("19" if path.stem[:2] >= "66" else "20") + path.stem[:2])
               for path, meta in zip(paths, metas) if meta["date"])
    assert sum(bool(meta["classification"]) for meta in metas) >= 0.95 * len(metas)
    assert sum(bool(meta["tags"]) for meta in metas) >= 0.95 * len(metas)
