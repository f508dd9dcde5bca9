"""The text of a PDF, page by page, as PDFium reads it (pypdfium2): what the tests and the
comparison of two engines' sites read printed pages by.

PDFium reads the handbook's 58 ready PDFs in about a tenth of the time pypdf's extract_text takes
(bench/README.md), with the same text but for two things: it marks a hyphen that ends a line with
U+FFFE, which stands for that hyphen here, and it may place a page's running header and footer
elsewhere in the page's text. PDFium reads the ToUnicode maps as pypdf does, so a glyph mapped to
a radical look-alike (publishing/pdfs.py repairs the maps) reads as that radical with either.
"""

from __future__ import annotations

from pathlib import Path

LINE_END_HYPHEN = "\ufffe"  # PDFium's mark of a hyphen at the end of a line


def pages_text(pdf: bytes | Path) -> list[str]:
    """Each page's text, in order."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    try:
        texts = []
        for page in document:
            text_page = page.get_textpage()
            texts.append(text_page.get_text_range().replace(LINE_END_HYPHEN, "-"))
            text_page.close()
            page.close()
        return texts
    finally:
        document.close()


def text(pdf: bytes | Path) -> str:
    """The whole PDF's text."""
    return "".join(pages_text(pdf))


def glyph_boxes(pdf: bytes | Path) -> list[tuple[float, float, list[tuple[str, float, float, float, float]]]]:
    """Each page's width and height and the box of every character it prints (spaces left out):
    (character, left, top, right, bottom), in points from the page's top left corner."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    try:
        pages = []
        for page in document:
            width, height = page.get_size()
            text_page = page.get_textpage()
            boxes = []
            for index in range(text_page.count_chars()):
                character = text_page.get_text_range(index, 1).replace(LINE_END_HYPHEN, "-")
                left, bottom, right, top = text_page.get_charbox(index)
                if character.strip() and right > left and top > bottom:
                    boxes.append((character, left, height - top, right, height - bottom))
            text_page.close()
            page.close()
            pages.append((width, height, boxes))
        return pages
    finally:
        document.close()
