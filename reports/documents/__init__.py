"""Renderers of the format-neutral document (core.document): DOCX (render_docx.py with its
OOXML helpers in docx_ooxml.py) and PDF (render_pdf.py, through WeasyPrint)."""
