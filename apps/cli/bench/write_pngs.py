#!/usr/bin/env python3
"""Writes 8-bit gray PNGs with PIL from raw label maps streamed on stdin (used by bench/run.mjs).

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


def main():
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
        Image.frombytes("L", (width, height), pixels).save(temporary, format="PNG")
        os.replace(temporary, path)
        written += 1
    print(written)


if __name__ == "__main__":
    main()
