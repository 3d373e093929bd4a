"""Workbooks made to exhaust the reader's memory, built by editing a real workbook's XML as an
attacker would (also used by benchmarks/bench_upload_memory.py)."""

import io
import re
import zipfile

DATA_SHEET_XML = "xl/worksheets/sheet1.xml"
SHARED_STRINGS_XML = "xl/sharedStrings.xml"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHARED_STRINGS_TYPE = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
)
INLINE_CELL = re.compile(rb'<c ([^>]*?)t="inlineStr"([^>]*)><is><t[^>]*>(.*?)</t></is></c>', re.S)


def edit_part(xlsx: bytes, name: str, edit) -> bytes:
    """The workbook with part `name` replaced by edit(its bytes), or added as edit(b"")."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for part in source.infolist():
            content = source.read(part.filename)
            target.writestr(part.filename, edit(content) if part.filename == name else content)
        if name not in source.namelist():
            target.writestr(name, edit(b""))
    return output.getvalue()


def with_shared_strings(xlsx: bytes, extra: bytes = b"") -> bytes:
    """The workbook as Excel saves it, its text in a shared strings part (openpyxl writes text
    in the cells), followed by the `extra` XML items if given."""
    table = []

    def share(cell):
        table.append(b"<si><t>%s</t></si>" % cell.group(3))
        return b'<c %st="s"%s><v>%d</v></c>' % (cell.group(1), cell.group(2), len(table) - 1)

    xlsx = edit_part(xlsx, DATA_SHEET_XML, lambda xml: INLINE_CELL.sub(share, xml))
    sst = f'<sst xmlns="{MAIN_NS}">'.encode() + b"".join(table) + extra + b"</sst>"
    xlsx = edit_part(xlsx, SHARED_STRINGS_XML, lambda _empty: sst)
    override = f'<Override PartName="/{SHARED_STRINGS_XML}" ContentType="{SHARED_STRINGS_TYPE}"/>'
    return edit_part(
        xlsx,
        "[Content_Types].xml",
        lambda xml: xml.replace(b"</Types>", override.encode() + b"</Types>"),
    )


def declaring(xlsx: bytes, ref: str = "A1:XFD1048576") -> bytes:
    """The data sheet claims to be `ref` large, whatever it holds."""
    dimension = f'<dimension ref="{ref}"/>'.encode()

    def edit(xml: bytes) -> bytes:
        if b"<dimension " in xml:
            return re.sub(rb'<dimension ref="[^"]*"\s*/>', dimension, xml)
        return xml.replace(b"<sheetViews>", dimension + b"<sheetViews>", 1)

    return edit_part(xlsx, DATA_SHEET_XML, edit)


def far_to_the_right(xlsx: bytes, columns=("IW", "XFD")) -> bytes:
    """Every row of the data sheet gets cells in `columns` (IW is the 257th), the dimension
    left as it was."""

    def edit(xml: bytes) -> bytes:
        def add(row):
            number = row.group(1).decode()
            cells = "".join(
                f'<c r="{column}{number}" t="inlineStr"><is><t>far</t></is></c>'
                for column in columns
            )
            return row.group(0).replace(b"</row>", cells.encode() + b"</row>")

        return re.sub(rb'<row r="(\d+)"[^>]*>.*?</row>', add, xml, flags=re.S)

    return edit_part(xlsx, DATA_SHEET_XML, edit)


def zip_bomb(xlsx: bytes, unzipped_mb: int = 120) -> bytes:
    """The data sheet padded with blank space to `unzipped_mb` MB (a few hundred KB zipped)."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for part in source.infolist():
            content = source.read(part.filename)
            if part.filename != DATA_SHEET_XML:
                target.writestr(part.filename, content)
                continue
            head, tail = content.split(b"<sheetData>")
            with target.open(part.filename, "w") as sheet:
                sheet.write(head)
                for _ in range(unzipped_mb):
                    sheet.write(b" " * 1024 * 1024)
                sheet.write(b"<sheetData>" + tail)
    return output.getvalue()
