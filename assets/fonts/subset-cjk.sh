#!/usr/bin/env bash
# Make the bundled CJK fonts: Noto Sans CJK SC (Regular and Bold) cut down to the characters of
# common Chinese, so the repository stays small and charts draw Chinese without system fonts.
#
# Source:  Debian's `fonts-noto-cjk` package, version 1:20220127+repack1-1 (Noto Sans CJK 2.004),
#          /usr/share/fonts/opentype/noto/NotoSansCJK-{Regular,Bold}.ttc, face 2 = "Noto Sans CJK
#          SC" (Simplified Chinese). Install with `apt-get install -y fonts-noto-cjk`.
# Licence: SIL Open Font License 1.1 (OFL.txt beside the fonts). The OFL allows subsetting and
#          bundling; the subset keeps the reserved-name-free family name "Noto Sans CJK SC".
# Tool:    fonttools' pyftsubset (`pip install fonttools`; 4.x).
# Characters kept:
#   - GB 2312's level-1 hanzi (一级汉字, rows 16–55, 3,755 characters), computed here from the
#     GB 2312 encoding itself (Python's `gb2312` codec), so no downloaded list is needed;
#   - CJK Symbols and Punctuation (U+3000–303F) and Halfwidth and Fullwidth Forms (U+FF00–FFEF);
#   - every hanzi the repository's own Chinese text uses (src/**/*.rs, models/**/*.toml), e.g.
#     汶 of 汶川 (Wenchuan), which is a level-2 character.
# A character outside these is reported as an error when a chart would draw it (src/charts/text.rs),
# never drawn as a box. Re-run this script after adding Chinese text with a rarer character:
#   assets/fonts/subset-cjk.sh            (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/../.."
SRC_DIR=${NOTO_CJK_DIR:-/usr/share/fonts/opentype/noto}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - > "$tmp/chars.txt" <<'PY'
import pathlib
chars = set()
for hi in range(0xB0, 0xD8):          # GB 2312 rows 16-55: level-1 hanzi
    for lo in range(0xA1, 0xFF):
        try:
            chars.add(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass                       # row 55 ends at 0xD7F9
assert len(chars) == 3755, len(chars)
for pattern in ("src/**/*.rs", "models/**/*.toml"):
    for path in pathlib.Path(".").glob(pattern):
        chars.update(c for c in path.read_text(encoding="utf-8") if 0x3400 <= ord(c) <= 0x9FFF)
print("".join(sorted(chars)))
PY
for weight in Regular Bold; do
  pyftsubset "$SRC_DIR/NotoSansCJK-$weight.ttc" --font-number=2 \
    --text-file="$tmp/chars.txt" --unicodes='U+3000-303F,U+FF00-FFEF' \
    --layout-features='' --no-hinting --name-IDs='*' --name-languages='*' \
    --output-file="assets/fonts/NotoSansCJKsc-$weight-subset.otf"
done
ls -l assets/fonts/NotoSansCJKsc-*-subset.otf
