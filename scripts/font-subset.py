#!/usr/bin/env python3
"""The Japanese face of a CJK font cut down to what the kiosk can show, at build time.

Keeps: ASCII and Latin-1; every character of JIS X 0208, of JIS X 0213 (name kanji such as 鷗
and 剝) and of Windows' code page 932 (its NEC and IBM extensions hold 髙 and 﨑), so that names
people type still render from the subset; the blocks the kiosk always loads (CJK punctuation, kana, half- and full-width
forms, general punctuation, geometric shapes); and every character of the given content files.
Anything else still renders: the kiosk takes a character the subset lacks from the full font.

Usage: font-subset.py FONT OUT.otf FILE_OR_FOLDER...
Needs fontTools (Debian: python3-fonttools). Reads nothing from the network.
"""
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

ALWAYS = [(0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x25A0, 0x25FF), (0x3000, 0x30FF), (0x31F0, 0x31FF),
          (0xFF00, 0xFFEF), (0xFFFD, 0xFFFD)]


def double_byte_repertoire():
    """Characters of JIS X 0208 and JIS X 0213 (EUC rows 1-94 of both planes) and of code page
    932 (all lead bytes)."""
    chars = set()
    for row in range(0xA1, 0xFF):
        for cell in range(0xA1, 0xFF):
            for encoded, codec in ((bytes([row, cell]), "euc_jp"), (bytes([row, cell]), "euc_jis_2004"),
                                   (bytes([0x8F, row, cell]), "euc_jis_2004")):
                try:
                    chars.update(encoded.decode(codec))
                except UnicodeDecodeError:
                    pass
    for lead in list(range(0x81, 0xA0)) + list(range(0xE0, 0xFD)):
        for trail in list(range(0x40, 0x7F)) + list(range(0x80, 0xFD)):
            try:
                chars.update(bytes([lead, trail]).decode("cp932"))
            except UnicodeDecodeError:
                pass
    return {ord(c) for c in chars}


def content_characters(paths):
    chars = set()
    for path in paths:
        files = [path] if os.path.isfile(path) else [
            os.path.join(folder, name) for folder, _, names in os.walk(path) for name in names]
        for name in files:
            if name.endswith((".toml", ".cpp", ".hpp", ".md")):
                with open(name, encoding="utf-8", errors="ignore") as f:
                    chars.update(ord(c) for c in f.read())
    return chars


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    font, out, sources = sys.argv[1], sys.argv[2], sys.argv[3:]
    wanted = double_byte_repertoire() | content_characters(sources)
    for first, last in ALWAYS:
        wanted.update(range(first, last + 1))
    wanted = {c for c in wanted if 0x20 <= c <= 0xFFFF}  # ImGui 1.86 draws the Basic Multilingual Plane only

    # Face 0 of Noto Sans CJK's collection is the Japanese one.
    face = TTCollection(font, lazy=True).fonts[0] if font.lower().endswith(".ttc") else TTFont(font, lazy=True)
    options = subset.Options()
    options.layout_features = []     # ImGui shapes nothing: no GSUB/GPOS lookups
    options.hinting = False          # stb_truetype ignores hints
    options.notdef_outline = True
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(wanted))
    subsetter.subset(face)
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    temporary = out + ".part"
    face.save(temporary)
    os.replace(temporary, out)
    present = set(face.getBestCmap())
    print(f"font-subset: {len(present)} characters of {len(wanted)} asked for, {os.path.getsize(out)} bytes: {out}")


if __name__ == "__main__":
    main()
