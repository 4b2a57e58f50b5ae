"""Raw cables as pretraining text: paragraphs of the cleaned text, bad files reported."""
from cable_ner.cable_text import clean_cable, paragraphs
from cable_ner.markup import cable_files, read_cable_file
from cable_ner.pretraining import pretraining_records

from conftest import SAMPLE_DIR


def test_records_are_the_cleaned_paragraphs_of_raw_cables_and_html_pages(tmp_path):
    page = "<code><pre>SUBJECT: TALKS\n\n<a id='par1' href='#par1'>¶</a>1 . ( C ) The Minister met Karzai .</pre></code> "
    (tmp_path / "page.txt").write_text(page, encoding="utf8")
    (tmp_path / "raw.txt").write_text("SUBJECT: TALKS\n\n\n¶1. (C) The Minister\nmet Karzai.\n", encoding="utf8")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    problems: list = []
    records = list(pretraining_records(cable_files(tmp_path), problems))
    assert [problem["file"] for problem in problems] == [str(tmp_path / "latin1.txt")] and "UTF-8" in problems[0]["reason"]
    assert records == [{"text": "SUBJECT: TALKS"}, {"text": "¶1. (C) The Minister met Karzai."},
                       {"text": "SUBJECT: TALKS"}, {"text": "¶1. (C) The Minister\nmet Karzai."}]


def test_records_cover_every_paragraph_of_the_sample_cables(tmp_path):
    texts = [read_cable_file(path).text for path in sorted(cable_files(SAMPLE_DIR / "gold"))[:10]]
    for index, text in enumerate(texts):
        (tmp_path / f"{index}.txt").write_text(text, encoding="utf8")
    records = list(pretraining_records(cable_files(tmp_path), []))
    expected = []
    for text in texts:
        cleaned = clean_cable(text, []).text
        expected += [cleaned[start:end] for start, end in paragraphs(cleaned)]
    assert [record["text"] for record in records] == expected and len(expected) > 40
