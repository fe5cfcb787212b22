#!/usr/bin/env python3
"""Writes a small 16:9 PDF slide deck with the standard library only.

Used to regenerate the sample decks shipped in examples/decks (they are committed, so
nothing runs at build time):  python3 make_pdf_deck.py OUT.pdf "Title" "Slide 2 line|line" ...
Each argument after the output is one slide; '|' separates lines, the first line is the heading.
"""
import sys
import zlib


def pdf_text(line: str) -> bytes:
    # WinAnsiEncoding covers French accents; escape PDF string delimiters.
    raw = line.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def page_stream(lines, number, total):
    ops = [b"0.11 0.18 0.33 rg 0 0 960 540 re f", b"0.95 0.55 0.15 rg 0 0 960 12 re f", b"BT 1 1 1 rg"]
    y = 400
    for i, line in enumerate(lines):
        size = 54 if i == 0 else 34
        ops.append(b"/F%d %d Tf 1 0 0 1 70 %d Tm (%s) Tj" % (2 if i == 0 else 1, size, y, pdf_text(line)))
        y -= 90 if i == 0 else 56
    ops.append(b"/F1 18 Tf 1 0 0 1 860 30 Tm (%d / %d) Tj ET" % (number, total))
    return b"\n".join(ops)


def write_pdf(path, slides):
    objects = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    bold = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    pages_id = len(objects) + 1 + 2 * len(slides)
    kids = []
    for n, slide in enumerate(slides, 1):
        data = zlib.compress(page_stream(slide.split("|"), n, len(slides)))
        content = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 960 540] /Contents %d 0 R "
                        b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> >>" % (pages_id, content, font, bold)))
    assert add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))) == pages_id
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    with open(path, "wb") as f:
        f.write(out)


if __name__ == "__main__":
    write_pdf(sys.argv[1], sys.argv[2:])
