#!/usr/bin/env python3
# make-fixtures.py: writes the small .xlsx files that tests/test-xlsx.c reads.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Only the standard library: each part is written by hand, so that every
# fixture holds exactly the XML a test is about, nothing that a spreadsheet
# library would add.  Run it from anywhere; it writes beside itself:
#
#   python3 tests/data/xlsx/make-fixtures.py
#
# Timestamps are fixed so that a rerun gives the same bytes.

import os
import struct
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
DATE = (2024, 1, 1, 0, 0, 0)

NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
REL = NS_R
PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships'
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def write_zip(name, parts, level=6):
    """parts: list of (entry name, str or bytes)."""
    path = os.path.join(HERE, name)
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        for entry, data in parts:
            if isinstance(data, str):
                data = data.encode('utf-8')
            info = zipfile.ZipInfo(entry, DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data, compresslevel=level)
    return path


def rels(items):
    out = DECL + '<Relationships xmlns="%s">' % PKG_REL
    for rid, kind, target in items:
        out += '<Relationship Id="%s" Type="%s/%s" Target="%s"/>' % (rid, REL, kind, target)
    return out + '</Relationships>'


def workbook_xml(sheets, date1904=False):
    """sheets: list of (name, rId)."""
    out = DECL + '<workbook xmlns="%s" xmlns:r="%s">' % (NS, NS_R)
    if date1904:
        out += '<workbookPr date1904="1"/>'
    out += '<sheets>'
    for i, (name, rid) in enumerate(sheets):
        name = name.replace('&', '&amp;')
        out += '<sheet name="%s" sheetId="%d" r:id="%s"/>' % (name, i + 1, rid)
    return out + '</sheets></workbook>'


def sheet_xml(rows, prolog=''):
    return (DECL + prolog + '<worksheet xmlns="%s" xmlns:r="%s"><dimension ref="A1"/>'
            '<sheetData>%s</sheetData><pageMargins left="0.7"/></worksheet>' % (NS, NS_R, rows))


def sst_xml(items):
    """items: raw XML of each <si>'s content."""
    return (DECL + '<sst xmlns="%s" count="%d" uniqueCount="%d">' % (NS, len(items), len(items))
            + ''.join('<si>%s</si>' % i for i in items) + '</sst>')


def styles_xml(num_fmts, xf_fmts):
    out = DECL + '<styleSheet xmlns="%s">' % NS
    if num_fmts:
        out += '<numFmts count="%d">' % len(num_fmts)
        for fid, code in num_fmts:
            code = code.replace('&', '&amp;').replace('"', '&quot;')
            out += '<numFmt numFmtId="%d" formatCode="%s"/>' % (fid, code)
        out += '</numFmts>'
    # cellStyleXfs holds xf elements too; the reader must ignore them.
    out += '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>'
    out += '<cellXfs count="%d">' % len(xf_fmts)
    out += ''.join('<xf numFmtId="%d" fontId="0" applyNumberFormat="1"/>' % f for f in xf_fmts)
    return out + '</cellXfs></styleSheet>'


def workbook(name, sheets, sst=None, styles=None, date1904=False, extra=()):
    """sheets: list of (sheet name, sheet XML); the usual layout."""
    parts = [
        ('[Content_Types].xml', DECL + '<Types xmlns="http://schemas.openxmlformats.org/'
         'package/2006/content-types"/>'),
        ('_rels/.rels', rels([('rId1', 'officeDocument', 'xl/workbook.xml')])),
        ('xl/workbook.xml', workbook_xml([(n, 'rId%d' % (i + 1)) for i, (n, _) in
                                          enumerate(sheets)], date1904)),
    ]
    items = [('rId%d' % (i + 1), 'worksheet', 'worksheets/sheet%d.xml' % (i + 1))
             for i in range(len(sheets))]
    if sst is not None:
        items.append(('rIdS', 'sharedStrings', 'sharedStrings.xml'))
        parts.append(('xl/sharedStrings.xml', sst))
    if styles is not None:
        items.append(('rIdY', 'styles', 'styles.xml'))
        parts.append(('xl/styles.xml', styles))
    parts.append(('xl/_rels/workbook.xml.rels', rels(items)))
    for i, (_, xml) in enumerate(sheets):
        parts.append(('xl/worksheets/sheet%d.xml' % (i + 1), xml))
    parts.extend(extra)
    return write_zip(name, parts)


def inline(ref, text):
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, text)


def num(ref, value, style=None):
    s = '' if style is None else ' s="%d"' % style
    return '<c r="%s"%s><v>%s</v></c>' % (ref, s, value)


def shared(ref, index):
    return '<c r="%s" t="s"><v>%d</v></c>' % (ref, index)


def row(r, cells):
    return '<row r="%d">%s</row>' % (r, ''.join(cells))


def serial(y, mo, d, h=0, mi=0, s=0.0, date1904=False):
    """Excel's serial for a date and time, as repr() writes it."""
    import datetime
    epoch = datetime.datetime(1904, 1, 1) if date1904 else datetime.datetime(1899, 12, 30)
    delta = datetime.datetime(y, mo, d, h, mi) - epoch
    return repr(delta.days + (delta.seconds + s) / 86400.0)


def main():
    # Strings: shared (plain, rich text, preserved spaces, phonetic guide,
    # escapes), inline (plain and rich) and formula results.
    sst = sst_xml([
        '<t>Name</t>',
        '<r><rPr><b/></rPr><t>Hel</t></r><r><t xml:space="preserve">lo </t></r>'
        '<r><t>world</t></r>',
        '<t xml:space="preserve">  padded  </t>',
        '<t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/>',
        '<t>line one_x000D_\nline two</t>',
        '<t>Q&amp;A &lt;ok&gt; _x005F_x0041_</t>',
        '<t/>',
    ])
    rows = (row(1, [shared('A1', 0), shared('B1', 1), shared('C1', 2)])
            + row(2, [shared('A2', 3), shared('B2', 4), shared('C2', 5)])
            + row(3, [inline('A3', 'Zoë'),
                      '<c r="B3" t="inlineStr"><is><r><t>rich </t></r><r><rPr><i/></rPr>'
                      '<t>inline</t></r></is></c>',
                      '<c r="C3" t="str"><f>A3&amp;"!"</f><v>Zoë!</v></c>'])
            + row(4, [shared('A4', 6), inline('B4', ''), '<c r="C4" t="s"/>']))
    workbook('strings.xlsx', [('Sheet1', sheet_xml(rows))], sst=sst)

    # Numbers, booleans and errors, with a General style to make sure a
    # style alone does not make a date.
    styles = styles_xml([], [0, 2])
    rows = (row(1, [num('A1', '9'), num('B1', '-3'), num('C1', '1.5'), num('D1', '0.1')])
            + row(2, [num('A2', '0.30000000000000004'), num('B2', '1E-3'),
                      num('C2', '1234567890123456'), num('D2', '2.5E+20')])
            + row(3, ['<c r="A3" t="b"><v>1</v></c>', '<c r="B3" t="b"><v>0</v></c>',
                      '<c r="C3" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
                      '<c r="D3" t="e"><v>#N/A</v></c>', num('E3', '7')])
            + row(4, [num('A4', '9.0', 0), num('B4', '12.25', 1), num('C4', '-0'),
                      '<c r="D4" t="n"><v> 42 </v></c>', num('E4', '123456789.123456789')]))
    workbook('numbers.xlsx', [('Sheet1', sheet_xml(rows))], styles=styles)

    # Sparse rows: gaps in columns, a missing row, a row of formatting only,
    # cells and rows without a reference, trailing styled empty cells.
    rows = (row(1, [inline('A1', 'a'), inline('D1', 'd')])
            + '<row r="3" spans="1:4" s="1" customFormat="1"><c r="A3" s="1"/><c r="B3" s="1"/>'
              '</row>'
            + row(5, [inline('B5', 'b'), '<c r="C5" s="1"/>', '<c r="D5" s="1"/>'])
            + '<row>' + '<c t="inlineStr"><is><t>x</t></is></c>'
              '<c t="inlineStr"><is><t>y</t></is></c></row>'
            + row(8, [inline('C8', 'c'), '<c t="inlineStr"><is><t>after C</t></is></c>'])
            + '<row r="9"><c r="A9" t="inlineStr"><is><t></t></is></c></row>')
    workbook('sparse.xlsx', [('Sheet1', sheet_xml(rows))])

    # Dates.  cellXfs index -> numFmtId:
    #  0 General, 1 14 (m/d/yyyy), 2 22 (m/d/yyyy h:mm), 3 164 custom date
    #  and time, 4 165 '0.00 "days"' (text in quotes), 5 166 '[Red]0.0'
    #  (colour in brackets), 6 167 '[$-409]d-mmm-yy;@', 7 45 (mm:ss),
    #  8 2 (0.00), 9 168 '#,##0_);[Blue](#,##0)', 10 169 '0\\d' (escaped d),
    #  11 14 redefined by a custom numFmt as a plain number '0.000'.
    styles = styles_xml(
        [(164, 'yyyy-mm-dd hh:mm:ss'), (165, '0.00 "days"'), (166, '[Red]0.0'),
         (167, '[$-409]d-mmm-yy;@'), (168, '#,##0_);[Blue](#,##0)'), (169, '0\\d'),
         (170, '0.000')],
        [0, 14, 22, 164, 165, 166, 167, 45, 2, 168, 169, 170])
    cases = [
        # (style, value)
        (2, '43770.37583333333'),               # 2019-11-01 09:01:12, a hair short
        (1, '43770'),                           # date only
        (1, '60'),                              # the fictitious 1900-02-29
        (1, '59'),
        (1, '61'),
        (1, '1'),
        (3, serial(2019, 11, 1, 12, 0, 0.4)),   # .4 s rounds down
        (3, serial(2019, 11, 1, 12, 0, 0.6)),   # .6 s rounds up
        (3, serial(2019, 11, 1, 23, 59, 59.7)),  # rounds into the next day
        (6, '43770'),
        (7, repr(90 / 86400.0)),                # a time alone
        (4, '3.5'),
        (5, '43770'),
        (8, '43770.25'),
        (9, '43770'),
        (10, '43770'),
        (0, '43770'),
        (1, '-1'),                              # no date: stays a number
        (1, '3000000'),                         # past 9999-12-31: a number
        (11, '43770'),                          # built-in 14 redefined as 0.000
    ]
    rows = ''.join(row(i + 1, [inline('A%d' % (i + 1), 'case %d' % (i + 1)),
                               num('B%d' % (i + 1), v, s)])
                   for i, (s, v) in enumerate(cases))
    rows += row(len(cases) + 1, [inline('A%d' % (len(cases) + 1), 'iso'),
                                 '<c r="B%d" t="d"><v>2019-11-01T09:01:12Z</v></c>'
                                 % (len(cases) + 1)])
    workbook('dates.xlsx', [('Sheet1', sheet_xml(rows))], styles=styles)

    # The 1904 date system of old Mac Excel.
    styles = styles_xml([], [0, 22, 14])
    rows = row(1, [num('A1', '42308.375', 1), num('B1', '0.5', 2), num('C1', '42308', 2)])
    workbook('date1904.xlsx', [('Sheet1', sheet_xml(rows))], styles=styles, date1904=True)

    # Sheets where the names do not lead: the workbook is not at
    # xl/workbook.xml, the first tab is a chart, the worksheets' parts are
    # not sheetN.xml, one target is absolute and one percent-escaped.
    parts = [
        ('[Content_Types].xml', DECL + '<Types xmlns="http://schemas.openxmlformats.org/'
         'package/2006/content-types"/>'),
        ('_rels/.rels', rels([('rId9', 'extended-properties', 'docProps/app.xml'),
                              ('rId1', 'officeDocument', 'xl/book.xml')])),
        ('xl/book.xml', workbook_xml([('Chart1', 'r1'), ('Summary', 'r2'),
                                      ('Responses', 'r3'), ('Q&A', 'r4'),
                                      ('MASS', 'r5'), ('Maß', 'r6')])),
        ('xl/_rels/book.xml.rels', rels([
            ('r1', 'chartsheet', 'chartsheets/sheet1.xml'),
            ('r2', 'worksheet', 'worksheets/summary.xml'),
            ('r3', 'worksheet', '/xl/worksheets/data/responses.xml'),
            ('r4', 'worksheet', 'worksheets/q%26a.xml'),
            ('r5', 'worksheet', 'worksheets/mass.xml'),
            ('r6', 'worksheet', 'worksheets/mass2.xml'),
        ])),
        ('xl/chartsheets/sheet1.xml', DECL + '<chartsheet xmlns="%s"/>' % NS),
        ('xl/worksheets/summary.xml', sheet_xml(row(1, [inline('A1', 'summary')]))),
        ('xl/worksheets/data/responses.xml', sheet_xml(row(1, [inline('A1', 'responses')]))),
        ('xl/worksheets/q&a.xml', sheet_xml(row(2, [inline('B2', 'q and a')]))),
        ('xl/worksheets/mass.xml', sheet_xml(row(1, [inline('A1', 'upper')]))),
        ('xl/worksheets/mass2.xml', sheet_xml(row(1, [inline('A1', 'eszett')]))),
    ]
    write_zip('sheets.xlsx', parts)

    # A workbook part in UTF-16, which XML allows and libxml2 detects.
    parts = [
        ('_rels/.rels', rels([('rId1', 'officeDocument', 'xl/workbook.xml')])),
        ('xl/workbook.xml', workbook_xml([('Données', 'rId1')])
         .replace('UTF-8', 'UTF-16').encode('utf-16')),
        ('xl/_rels/workbook.xml.rels', rels([('rId1', 'worksheet', 'worksheets/sheet1.xml')])),
        ('xl/worksheets/sheet1.xml', sheet_xml(row(1, [inline('A1', 'utf-16 ok')]))),
    ]
    write_zip('utf16.xlsx', parts)

    # Not workbooks.
    with open(os.path.join(HERE, 'text.xlsx'), 'w') as f:
        f.write('Name,Score\nAnn,9\n')
    with open(os.path.join(HERE, 'legacy.xls'), 'wb') as f:
        f.write(bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + bytes(504))
    write_zip('plain.zip', [('readme.txt', 'just a zip\n')])
    write_zip('document.docx', [
        ('_rels/.rels', rels([('rId1', 'officeDocument', 'word/document.xml')])),
        ('word/document.xml', DECL + '<w:document xmlns:w="http://schemas.openxmlformats.org/'
         'wordprocessingml/2006/main"><w:body/></w:document>'),
    ])

    # Unsafe XML, each in a different part.
    xxe = ('<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n')
    rows = row(1, ['<c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c>'])
    workbook('xxe.xlsx', [('Sheet1', sheet_xml(rows, prolog=xxe))])

    laughs = '<!DOCTYPE sst [\n <!ENTITY lol "lol">\n'
    for i in range(1, 10):
        laughs += ' <!ENTITY lol%d "%s">\n' % (i, ('&lol%s;' % ('' if i == 1 else i - 1)) * 10)
    laughs += ']>\n'
    sst = (DECL + laughs + '<sst xmlns="%s" count="1" uniqueCount="1"><si><t>&lol9;</t></si>'
           '</sst>' % NS)
    workbook('laughs.xlsx', [('Sheet1', sheet_xml(row(1, [shared('A1', 0)])))], sst=sst)

    # An external parameter entity, fetched over the network if allowed.
    pe = ('<!DOCTYPE workbook [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd">'
          '%remote;]>\n')
    parts = [
        ('_rels/.rels', rels([('rId1', 'officeDocument', 'xl/workbook.xml')])),
        ('xl/workbook.xml', workbook_xml([('Sheet1', 'rId1')]).replace(DECL, DECL + pe)),
        ('xl/_rels/workbook.xml.rels', rels([('rId1', 'worksheet', 'worksheets/sheet1.xml')])),
        ('xl/worksheets/sheet1.xml', sheet_xml(row(1, [inline('A1', 'x')]))),
    ]
    write_zip('remote-dtd.xlsx', parts)

    # Damaged: a sheet cut off in the middle, and a shared string that
    # is not there.
    xml = sheet_xml(row(1, [inline('A1', 'a')]) + row(2, [inline('A2', 'b')]))
    workbook('truncated.xlsx', [('Sheet1', xml[:xml.index('<row r="2">') + 15])])
    workbook('bad-index.xlsx', [('Data', sheet_xml(row(1, [shared('A1', 0)])
                                                   + row(2, [shared('B2', 5)])))],
             sst=sst_xml(['<t>only</t>']))
    workbook('bad-number.xlsx', [('Data', sheet_xml(row(3, [num('C3', '12abc')])))])

    # Excel's last column, XFD, and one past it.
    rows = (row(1, [inline('A1', 'first'), inline('XFD1', 'last')])
            + row(2, [inline('XFE2', 'too far')]))
    workbook('wide.xlsx', [('Sheet1', sheet_xml(rows))])

    # Deflate data damaged in the middle of the sheet.
    rows = ''.join(row(r, [inline('A%d' % r, 'row %d of some text' % r)]) for r in range(1, 400))
    path = workbook('corrupt.xlsx', [('Sheet1', sheet_xml(rows))])
    with zipfile.ZipFile(path) as z:
        info = z.getinfo('xl/worksheets/sheet1.xml')
    with open(path, 'r+b') as f:
        data = bytearray(f.read())
        start = info.header_offset + 30 + len(info.filename) + len(info.extra)
        for i in range(start + info.compress_size // 2, start + info.compress_size // 2 + 16):
            data[i] ^= 0x5A
        f.seek(0)
        f.write(data)

    # A zip bomb: 12 MiB of blanks inside the sheet deflate to a few KiB,
    # over the 200:1 rule for parts over 10 MiB.
    blanks = ' ' * (12 << 20)
    workbook('bomb.xlsx', [('Sheet1', sheet_xml(row(1, [inline('A1', 'x')]) + blanks))])

    # The same bomb with headers that lie: both the local and the central
    # header say the sheet unpacks to 4 KiB, so only counting the bytes
    # that really come out can stop it.
    path = workbook('bomb-lying.xlsx', [('Sheet1', sheet_xml(row(1, [inline('A1', 'x')])
                                                             + blanks))])
    patch_sizes(path, 'xl/worksheets/sheet1.xml', 4096)


def patch_sizes(path, entry, size):
    """Overwrites the uncompressed size of @entry in its local and central
    headers."""
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(entry)
    with open(path, 'r+b') as f:
        data = bytearray(f.read())
        # Local header: signature, then the size at offset 22.
        assert data[info.header_offset:info.header_offset + 4] == b'PK\x03\x04'
        struct.pack_into('<I', data, info.header_offset + 22, size)
        # Central directory entry: find the one for this offset.
        pos = data.find(b'PK\x01\x02')
        while pos >= 0:
            (offset,) = struct.unpack_from('<I', data, pos + 42)
            if offset == info.header_offset:
                struct.pack_into('<I', data, pos + 24, size)
                break
            pos = data.find(b'PK\x01\x02', pos + 4)
        else:
            raise SystemExit('central directory entry not found')
        f.seek(0)
        f.write(data)


if __name__ == '__main__':
    main()
