#!/usr/bin/env python3
"""Writes the Word and OpenDocument fixtures from fg-osh-ru.lines (one paragraph a line), with Python's zipfile:
fg-osh-ru.docx, fg-osh-ru.odt and corrupt.docx (the .docx cut in half). Run from this folder."""
from xml.sax.saxutils import escape
import zipfile

lines = open("fg-osh-ru.lines", encoding="utf-8").read().splitlines()

def runs(line):
    # Split each paragraph into two runs to check that runs are joined, and put a tab where the line has one.
    half = len(line) // 2
    out = []
    for part in (line[:half], line[half:]):
        pieces = part.split("\t")
        for i, piece in enumerate(pieces):
            if i: out.append("<w:r><w:tab/></w:r>")
            out.append('<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % escape(piece))
    return "".join(out)

document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    + "".join("<w:p>%s</w:p>" % runs(line) for line in lines)
    + "<w:sectPr/></w:body></w:document>")
types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
with zipfile.ZipFile("fg-osh-ru.docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", types)
    z.writestr("_rels/.rels", rels)
    z.writestr("word/document.xml", document)

def odt_paragraph(line):
    # Runs of spaces as <text:s text:c="n"/>, tabs as <text:tab/>, as LibreOffice writes them.
    out, i = [], 0
    while i < len(line):
        if line[i] == "\t":
            out.append("<text:tab/>"); i += 1
        elif line[i] == " " and i + 1 < len(line) and line[i + 1] == " ":
            j = i
            while j < len(line) and line[j] == " ": j += 1
            out.append(' <text:s text:c="%d"/>' % (j - i - 1)); i = j
        else:
            out.append(escape(line[i])); i += 1
    return "<text:p>%s</text:p>" % "".join(out)

content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
    "<office:body><office:text>" + "".join(odt_paragraph(l) for l in lines) + "</office:text></office:body></office:document-content>")
with zipfile.ZipFile("fg-osh-ru.odt", "w") as z:
    z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
    z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)

data = open("fg-osh-ru.docx", "rb").read()
open("corrupt.docx", "wb").write(data[: len(data) // 2])
