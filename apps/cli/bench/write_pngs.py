#!/usr/bin/env python3
"""Writes 8-bit PNGs with PIL from raw label maps streamed on stdin (used by bench/run.mjs).

Usage: write_pngs.py [L|P]. L (default): gray PNGs (Cityscapes, ADE20K); P: palette PNGs with the
PASCAL VOC colour map (VOC's SegmentationClass files), index = label.
Each record: uint32 LE path length, the UTF-8 path, uint32 LE width, uint32 LE height, then
width*height bytes. PIL's defaults are kept on purpose (zlib level 6, adaptive per-row filters), as
in the label maps of real datasets. Prints the number of files written.
"""
import os
import struct
import sys

from PIL import Image


def read_exact(stream, size):
    data = stream.read(size)
    if len(data) != size:
        raise EOFError(f"truncated record: wanted {size} bytes, got {len(data)}")
    return data


def voc_palette():
    """The PASCAL VOC colour map (bit-interleaved label ids), 256 RGB entries."""
    palette = []
    for label in range(256):
        r = g = b = 0
        c = label
        for shift in range(7, -1, -1):
            r |= (c & 1) << shift
            g |= ((c >> 1) & 1) << shift
            b |= ((c >> 2) & 1) << shift
            c >>= 3
        palette += [r, g, b]
    return palette


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "L"
    if mode not in ("L", "P"):
        sys.exit(f"mode must be L or P, got {mode}")
    palette = voc_palette() if mode == "P" else None
    stream = sys.stdin.buffer
    written = 0
    while True:
        head = stream.read(4)
        if not head:
            break
        if len(head) < 4:
            head += read_exact(stream, 4 - len(head))
        (length,) = struct.unpack("<I", head)
        path = read_exact(stream, length).decode("utf-8")
        width, height = struct.unpack("<II", read_exact(stream, 8))
        pixels = read_exact(stream, width * height)
        temporary = path + ".tmp"
        image = Image.frombytes(mode, (width, height), pixels)
        if palette is not None:
            image.putpalette(palette)
        image.save(temporary, format="PNG")
        os.replace(temporary, path)
        written += 1
    print(written)


if __name__ == "__main__":
    main()
