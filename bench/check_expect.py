#!/usr/bin/env python3
"""Assert every expect string of a question set's questions.yaml occurs in its document
(tone marks and case folded, whitespace collapsed); report counts.
Run: python bench/check_expect.py bench/data/fresh4 [more folders…]
Shares no code with knowledge/: it is the yardstick the sets are written with.
Reads UTF-8 .txt/.md, .docx (paragraphs and table cells in body order, needs python-docx)
and legacy-encoded .txt (UTF-16 with BOM, else Windows-1258, normalised to NFC).
The crawl pages are kept as delivered, so each string must also occur once the markdown
markers (** and *) and lone '|' lines are dropped: an answer from either reading contains it."""
import os
import re
import sys
import unicodedata

import yaml


def fold(s):
    s = unicodedata.normalize('NFD', s)
    s = ''.join(c for c in s if unicodedata.category(c) != 'Mn')
    s = s.replace('đ', 'd').replace('Đ', 'D').lower()
    return re.sub(r'\s+', ' ', s).strip()

def read_docx(path):
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    doc = Document(path)
    out = []
    for el in doc.element.body.iterchildren():
        tag = el.tag.rsplit('}', 1)[-1]
        if tag == 'p':
            out.append(Paragraph(el, doc).text)
        elif tag == 'tbl':
            for row in Table(el, doc).rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    out.append(cell.text)
    return '\n'.join(out)

def read_text(path):
    with open(path, 'rb') as source:
        raw = source.read()
    if raw[:2] in (b'\xff\xfe', b'\xfe\xff'):
        text, enc = raw.decode('utf-16'), 'utf-16'
    else:
        try:
            text, enc = raw.decode('utf-8'), 'utf-8'
        except UnicodeDecodeError:
            text, enc = raw.decode('cp1258'), 'cp1258'
    return unicodedata.normalize('NFC', text), enc

def unmarked(text):
    text = text.replace('**', '').replace('*', '')
    return '\n'.join(ln for ln in text.split('\n') if ln.strip() != '|')

def read_doc(path):
    if path.lower().endswith('.docx'):
        return read_docx(path), 'docx'
    return read_text(path)

def check(d):
    """Check one set's folder; the count of expect strings missing from their documents."""
    with open(os.path.join(d, 'questions.yaml'), encoding='utf-8') as source:
        data = yaml.safe_load(source)
    bad = 0
    for doc in data['documents']:
        raw, enc = read_doc(os.path.join(d, doc['file']))
        text = fold(raw)
        plain = fold(unmarked(raw))
        cases = doc['cases']
        n_ans = sum(1 for c in cases if 'expect' in c)
        n_oos = sum(1 for c in cases if c.get('expect_none'))
        for c in cases:
            assert ('expect' in c) != bool(c.get('expect_none')), c
            for e in c.get('expect', []):
                if fold(e) not in text or fold(e) not in plain:
                    bad += 1
                    print(f"MISSING {doc['file']}: {e!r}  (q: {c['q']})")
        assert len(cases) == 20 and n_ans == 17 and n_oos == 3, doc['file']
        for dl in doc.get('deadlines', []):
            assert re.fullmatch(r'\d{4}-\d{2}-\d{2}', dl), dl
        for r in doc.get('recurring', []):
            assert r['every'] in ('month', 'quarter', 'year'), r
        print(f"{doc['file']} [{enc}]: {len(text)} chars folded, {len(cases)} cases ({n_ans} answerable, "
              f"{n_oos} out of scope)")
    return bad


if __name__ == '__main__':
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    missing = sum(check(folder) for folder in sys.argv[1:])
    print('missing:', missing)
    sys.exit(1 if missing else 0)
