import subprocess
import sys

from cable_ner.audit import fix_markup_file
from cable_ner.markup import parse_markup, read_cable_file

from conftest import LABELS, PROJECT_DIR


def test_fixed_seed_cable_differs_only_in_markup(tmp_path, seed_path, default_rules):
    target = tmp_path / "fixed" / seed_path.name
    counts = fix_markup_file(seed_path, target, LABELS, default_rules)
    original, fixed = read_cable_file(seed_path), read_cable_file(target)
    assert fixed.text.encode("utf8") == original.text.encode("utf8")
    assert fixed.spans != original.spans
    assert sum(counts.values()) > 40
    fixed_text = target.read_text(encoding="utf8")
    assert "Deputy Secretary of State [PER Negroponte  ]" in fixed_text
    assert "[PER Karzai  ]’s vision" in fixed_text
    assert "TAGS PGOV , PREL , PTER , ECON , IR , AF" in fixed_text


def test_fix_spans_cli_keeps_bom_and_crlf(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_bytes("\ufeff[PER Ann’s  ] aide\r\n[LOC Lima.  ]\r\n".encode("utf8"))
    result = subprocess.run([sys.executable, "-m", "scripts.fix_spans", str(source), str(tmp_path / "out"), "--rules", "default"],
                            cwd=PROJECT_DIR, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    written = (tmp_path / "out" / "a.txt").read_bytes()
    assert written == "\ufeff[PER Ann  ]’s aide\r\n[LOC Lima  ].\r\n".encode("utf8")
    assert parse_markup(written.decode("utf-8-sig")).text == "Ann’s aide\r\nLima.\r\n"
