"""Count a PNG's inked pixels without an imaging library: vl-convert writes 8-bit RGBA, not interlaced."""

from __future__ import annotations

import struct
import zlib


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def rgba_rows(png: bytes) -> tuple[int, int, list[bytes]]:
    """(width, height, rows of RGBA bytes)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    position, data, width, height = 8, b"", 0, 0
    while position < len(png):
        length, kind = struct.unpack(">I4s", png[position : position + 8])
        chunk = png[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
            assert (depth, colour, interlace) == (8, 6, 0), "expected 8-bit RGBA, not interlaced"
        elif kind == b"IDAT":
            data += chunk
        position += 12 + length
    raw = zlib.decompress(data)
    stride, rows, previous = width * 4, [], bytearray(width * 4)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - 4] if x >= 4 else 0
            up = previous[x]
            corner = previous[x - 4] if x >= 4 else 0
            predictor = (0, left, up, (left + up) // 2, _paeth(left, up, corner))[kind]
            line[x] = (line[x] + predictor) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, rows


def inked(png: bytes, threshold: int = 96) -> int:
    """Pixels clearly darker than the white background."""
    _, _, rows = rgba_rows(png)
    count = 0
    for row in rows:
        for x in range(0, len(row), 4):
            r, g, b, a = row[x : x + 4]
            if a > 0 and (r + g + b) / 3 < 255 - threshold:
                count += 1
    return count
