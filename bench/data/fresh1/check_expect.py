#!/usr/bin/env python3
"""Assert every expect string of questions.yaml occurs in its document
(tone marks and case folded, whitespace collapsed); report counts.
Reads UTF-8 .txt and .docx (paragraph and table-cell text in body order; needs python-docx)."""
import sys, os, re, unicodedata, yaml

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
                for cell in row.cells:          # a merged cell is listed once per grid column: read it once
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    out.append(cell.text)
    return '\n'.join(out)

def read_doc(path):
    if path.lower().endswith('.docx'):
        return read_docx(path)
    return open(path, encoding='utf-8').read()

d = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
data = yaml.safe_load(open(os.path.join(d, 'questions.yaml'), encoding='utf-8'))
bad = 0
for doc in data['documents']:
    text = fold(read_doc(os.path.join(d, doc['file'])))
    cases = doc['cases']
    n_ans = sum(1 for c in cases if 'expect' in c)
    n_oos = sum(1 for c in cases if c.get('expect_none'))
    for c in cases:
        assert ('expect' in c) != bool(c.get('expect_none')), c
        for e in c.get('expect', []):
            if fold(e) not in text:
                bad += 1
                print(f"MISSING {doc['file']}: {e!r}  (q: {c['q']})")
    for dl in doc.get('deadlines', []):
        assert re.fullmatch(r'\d{4}-\d{2}-\d{2}', dl), dl
    for r in doc.get('recurring', []):
        assert r['every'] in ('month', 'quarter', 'year'), r
    print(f"{doc['file']}: {len(text)} chars folded, {len(cases)} cases ({n_ans} answerable, {n_oos} out of scope)")
print('missing:', bad)
sys.exit(1 if bad else 0)
