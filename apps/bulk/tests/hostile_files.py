"""Workbooks made to exhaust the reader's memory, built by editing a real workbook's XML as an
attacker would (also used by benchmarks/bench_upload_memory.py)."""

import io
import re
import zipfile

DATA_SHEET_XML = "xl/worksheets/sheet1.xml"


def edit_part(xlsx: bytes, name: str, edit) -> bytes:
    """The workbook with part `name` replaced by edit(its bytes)."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for part in source.infolist():
            content = source.read(part.filename)
            target.writestr(part.filename, edit(content) if part.filename == name else content)
    return output.getvalue()


def declaring(xlsx: bytes, ref: str = "A1:XFD1048576") -> bytes:
    """The data sheet claims to be `ref` large, whatever it holds."""
    return edit_part(
        xlsx,
        DATA_SHEET_XML,
        lambda xml: re.sub(
            rb'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>'.encode(), xml
        ),
    )


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
