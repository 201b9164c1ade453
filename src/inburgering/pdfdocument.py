"""Documents for people as tagged PDF (PDF/UA-1): a structure tree (headings, paragraphs,
tables, lists in reading order), the document language and its title from the HTML's
`<html lang>` and `<title>`, so screen readers read the beschikking and the summaries as
they read the page (WCAG, Besluit digitale toegankelijkheid overheid)."""

from __future__ import annotations

#: WeasyPrint's name for PDF/UA-1 (ISO 14289-1), supported since WeasyPrint 59.
PDF_VARIANT = "pdf/ua-1"


def pdf_uit_html(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf(pdf_variant=PDF_VARIANT)
