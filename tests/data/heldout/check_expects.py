"""Sanity check for the held-out question files in this folder.

For every case: the YAML loads, each `expect` string occurs verbatim (after Unicode NFC)
in the source document, and all `expect` strings of one case occur close together
(same paragraph, or within 3 consecutive lines of the hard-wrapped PDF text).
Run: python3 check_expects.py [path/to/shared/seeds]
"""
import sys
import unicodedata
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SEEDS = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/work/shared/seeds")


def nfc(s):
    return unicodedata.normalize("NFC", s)


def blocks(text):
    """Paragraphs, plus windows of 3 consecutive non-empty lines (for PDF line breaks)."""
    out = [p for p in text.split("\n\n") if p.strip()]
    lines = [line for line in text.split("\n") if line.strip()]
    out += ["\n".join(lines[i:i + 3]) for i in range(len(lines))]
    return out


def check(qfile, docs, n_in, n_none):
    data = yaml.safe_load(Path(qfile).read_text(encoding="utf-8"))
    cases = data["cases"]
    texts = {name: nfc(Path(p).read_text(encoding="utf-8")) for name, p in docs.items()}
    bad = 0
    ins = [c for c in cases if not c.get("expect_none")]
    nones = [c for c in cases if c.get("expect_none")]
    for c in cases:
        assert isinstance(c.get("q"), str) and c["q"].strip(), c
        if c.get("expect_none"):
            assert c["expect_none"] is True and "expect" not in c, c
            continue
        exp = [nfc(e) for e in c["expect"]]
        assert exp and all(isinstance(e, str) and e for e in exp), c
        found_in = [n for n, t in texts.items() if all(e in t for e in exp)]
        missing = [e for e in exp if not any(e in t for t in texts.values())]
        near = [n for n in found_in if any(all(e in b for e in exp) for b in blocks(texts[n]))]
        if missing or not near:
            bad += 1
            print(f"FAIL {qfile.name}: {c['q']!r} missing={missing} docs={found_in} near={near}")
    ok_counts = len(ins) == n_in and len(nones) == n_none
    print(f"{qfile.name}: {len(ins)} answerable + {len(nones)} expect_none"
          f" (want {n_in}+{n_none}) -> {'OK' if ok_counts and not bad else 'PROBLEMS'}")
    return bad == 0 and ok_counts


def main():
    seed_docs = {p.name: p for p in sorted(SEEDS.glob("*.txt"))}
    ok = check(HERE / "seed_questions.yaml", seed_docs, 40, 10)
    ok &= check(HERE / "ward_questions.yaml", {"ward_plan.md": HERE / "ward_plan.md"}, 35, 8)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
