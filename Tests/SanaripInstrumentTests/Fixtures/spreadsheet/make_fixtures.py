"""Generates the .xlsx fixtures of the spreadsheet tests.

Run from the repository root with the project venv (scripts/setup.sh creates it):
    .venv/bin/python Tests/SanaripInstrumentTests/Fixtures/spreadsheet/make_fixtures.py

basic.xlsx and dates1904.xlsx come from openpyxl; handmade.xlsx is written XML by XML to cover what
openpyxl never writes (inline strings, rich text, phonetic runs, escapes, formula results, cells and
rows without references, a prefixed namespace, absolute and dotted relationship targets, a chart sheet,
sheet files numbered against the sheet order).
"""

import datetime
import os
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HERE = os.path.dirname(os.path.abspath(__file__))
FIXED = datetime.datetime(2024, 1, 1)


def fixed_properties(wb):
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    wb.properties.creator = "make_fixtures.py"


def basic():
    wb = Workbook()
    settings = wb.active
    settings.title = "settings"
    settings.append(["form_title", "form_id"])
    settings.append(["Пример", "example"])

    survey = wb.create_sheet("Survey")
    survey.append(["type", "name", "label", "label::Русский", "hint"])
    survey.append(["text", "name", "What is your name?", "Как вас зовут?", "  padded  "])
    # row 3 stays empty
    survey["A4"] = "integer"
    survey["B4"] = "age"
    survey["F4"] = 42
    survey["B5"] = 0.1
    survey["D5"] = -2.5
    survey["E5"] = 1e-7
    survey["F5"] = 12345678901234
    survey["G5"] = 1e20
    survey["H5"] = 3.14159
    survey["A6"] = True
    survey["B6"] = False
    survey["A7"] = datetime.date(2024, 1, 5)
    survey["B7"] = datetime.datetime(2024, 3, 9, 14, 30, 15)
    survey["C7"] = datetime.time(13, 45, 30)
    survey["A8"] = 45296  # 2024-01-05 with built-in format 14
    survey["A8"].number_format = "mm-dd-yy"
    survey["B8"] = 45296.6041666667  # 2024-01-05 14:30 with built-in format 22
    survey["B8"].number_format = "m/d/yy h:mm"
    survey["C8"] = 1.5  # 36 hours with built-in format 46
    survey["C8"].number_format = "[h]:mm:ss"
    survey["A9"] = 1.5
    survey["A9"].number_format = '0.00" days"'
    survey["B9"] = 2.25
    survey["B9"].number_format = "[Red]0.00"
    survey["C9"] = 1234567
    survey["C9"].number_format = "#,##0"
    survey["A10"] = "line one\nline two"
    survey["B10"] = "Привет, мир"
    survey["C10"] = 'quote "x" & <tag>'
    survey["A11"].font = Font(bold=True)  # a styled cell without a value: the row stays empty
    survey["B12"] = "b"
    survey["E12"] = "e"
    survey["A14"] = "last"

    choices = wb.create_sheet("choices")
    choices.append(["list_name", "name", "label"])
    choices.append(["yes_no", "yes", "Да"])
    choices.append(["yes_no", "no", "Нет"])

    wb.create_sheet("Данные").append(["ключ", "значение"])
    wb.create_sheet("Empty")
    fixed_properties(wb)
    wb.save(os.path.join(HERE, "basic.xlsx"))


def dates1904():
    wb = Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "dates"
    ws["A1"] = datetime.date(2024, 1, 5)
    ws["B1"] = datetime.datetime(1904, 1, 1, 6, 0, 0)
    ws["C1"] = datetime.time(23, 59, 59)
    fixed_properties(wb)
    wb.save(os.path.join(HERE, "dates1904.xlsx"))


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

HANDMADE = {
    "[Content_Types].xml": HEAD
    + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/></Types>',
    "_rels/.rels": HEAD
    + f'<Relationships xmlns="{PKG}">'
    f'<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="/xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": HEAD
    + f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><workbookPr/><sheets>'
    '<sheet name="Second" sheetId="7" r:id="rId2"/>'
    '<sheet name="First" sheetId="3" r:id="rId1"/>'
    '<sheet name="Chart" sheetId="9" r:id="rId9"/>'
    '<sheet name="Prefixed" sheetId="4" r:id="rId3"/>'
    "</sheets></workbook>",
    "xl/_rels/workbook.xml.rels": HEAD
    + f'<Relationships xmlns="{PKG}">'
    f'<Relationship Id="rId1" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{RELS}/worksheet" Target="/xl/worksheets/sheet2.xml"/>'
    f'<Relationship Id="rId3" Type="{RELS}/worksheet" Target="./worksheets/../worksheets/sheet3.xml"/>'
    f'<Relationship Id="rId9" Type="{RELS}/chartsheet" Target="chartsheets/sheet1.xml"/>'
    f'<Relationship Id="rId4" Type="{RELS}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId5" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>",
    "xl/styles.xml": HEAD
    + f'<styleSheet xmlns="{MAIN}"><numFmts count="4">'
    '<numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>'
    '<numFmt numFmtId="165" formatCode="[h]:mm:ss"/>'
    '<numFmt numFmtId="166" formatCode="yyyy-mm-dd hh:mm"/>'
    '<numFmt numFmtId="167" formatCode="0.0 &quot;days&quot;"/>'
    "</numFmts>"
    '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>'
    '<cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/>'
    '<xf numFmtId="167"/><xf numFmtId="14"/><xf numFmtId="18"/></cellXfs>'
    '<dxfs count="1"><dxf><numFmt numFmtId="168" formatCode="yyyy"/></dxf></dxfs>'
    "</styleSheet>",
    "xl/sharedStrings.xml": HEAD
    + f'<sst xmlns="{MAIN}" count="5" uniqueCount="5">'
    "<si><t>plain</t></si>"
    '<si><r><rPr><b/></rPr><t>Bold</t></r><r><t xml:space="preserve"> and plain</t></r></si>'
    '<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></si>'
    "<si><t>a_x000D_\nb</t></si>"
    "<si><t>_x005F_x0041_ stays</t></si>"
    "</sst>",
    "xl/worksheets/sheet1.xml": HEAD
    + f'<worksheet xmlns="{MAIN}"><sheetData>'
    "<row>"
    '<c t="inlineStr"><is><t>inline</t></is></c>'
    '<c t="inlineStr"><is><r><t>in</t></r><r><t xml:space="preserve">line </t></r></is></c>'
    '<c t="str"><f>A1&amp;"!"</f><v>inline!</v></c>'
    '<c t="e"><f>NA()</f><v>#N/A</v></c>'
    '<c t="b"><v>1</v></c>'
    "<c><f>1+1</f></c>"
    '<c t="s"><v>0</v></c>'
    "</row>"
    "<row>"
    '<c t="inlineStr"><is><t><![CDATA[x<y & z]]></t></is></c>'
    '<c t="s"><v>1</v></c>'
    '<c t="s"><v>2</v></c>'
    '<c t="s"><v>3</v></c>'
    '<c t="s"><v>4</v></c>'
    "</row>"
    '<row><c r="C7" t="b"><v>0</v></c></row>'
    '<row><c t="inlineStr"><is><t>after seven</t></is></c></row>'
    "</sheetData></worksheet>",
    "xl/worksheets/sheet2.xml": HEAD
    + f'<worksheet xmlns="{MAIN}"><sheetData>'
    '<row r="1"><c r="A1" s="1"><v>45296</v></c><c r="B1" s="2"><v>1.5</v></c>'
    '<c r="C1" s="3"><v>45296.75</v></c><c r="D1" s="4"><v>2.5</v></c></row>'
    '<row r="3"><c r="A3" s="5"><v>59</v></c><c r="B3" s="5"><v>60</v></c><c r="C3" s="5"><v>61</v></c>'
    '<c r="D3" s="6"><v>0.75</v></c><c r="AA3"><v>1.5E-3</v></c></row>'
    '<row r="10"><c r="B10"><v>2.0</v></c><c r="C10"><v>-0</v></c><c r="D10"><v>123456789.123</v></c>'
    '<c r="E10"><v>0.30000000000000004</v></c><c r="F10" s="5"><v>-1</v></c></row>'
    "</sheetData></worksheet>",
    "xl/worksheets/sheet3.xml": HEAD
    + f'<x:worksheet xmlns:x="{MAIN}"><x:sheetData>'
    '<x:row r="2"><x:c r="B2" t="s"><x:v>0</x:v></x:c></x:row>'
    "</x:sheetData></x:worksheet>",
    "xl/chartsheets/sheet1.xml": HEAD + f'<chartsheet xmlns="{MAIN}"/>',
}


def handmade():
    with zipfile.ZipFile(os.path.join(HERE, "handmade.xlsx"), "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in HANDMADE.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))


if __name__ == "__main__":
    basic()
    dates1904()
    handmade()
