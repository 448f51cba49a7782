#!/usr/bin/env python3
"""Reads what headless Chromium produced for tests/browser/check.sh (standard library
only):
  check.py ready DOM.html        the report's DOM after its script ran: body[data-ready="1"]
                                 and no body[data-errors] (the script's error count)
  check.py harness DOM.html      harness.html's DOM: prints its lines, fails on a FAIL line
                                 or when it did not finish; prints "drawing X Y W H
                                 COLOUR..." last (the drawing's box, its edges' colours)
  check.py png SHOT.png X Y W H [#RRGGBB...]
                                 the screenshot inside the box: at least 1% ink, 8 colours,
                                 and 100 pixels of each of two of the edge colours given
                                 (of the one, when one is given)
  check.py selftest              the PNG reader on images it writes in every colour type,
                                 bit depth, filter and interlacing
Exit status 0 when the check passes."""
import collections
import html.parser
import struct
import sys
import zlib

EDGE_PIXELS = 100  # pixels near an edge colour that count it as drawn


def fail(msg):
    print("FAIL  " + msg)
    sys.exit(1)


class Dom(html.parser.HTMLParser):
    """The attributes of <body> and the text of the element with id `want`."""

    def __init__(self, want=None):
        super().__init__(convert_charrefs=True)
        self.body = None
        self.want = want
        self.depth = 0
        self.text = []

    def handle_starttag(self, tag, attrs):
        if tag == "body" and self.body is None:
            self.body = dict(attrs)
        if self.depth > 0:
            self.depth += 1
        elif self.want is not None and dict(attrs).get("id") == self.want:
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth > 0:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth > 0:
            self.text.append(data)


def parse(path, want=None):
    p = Dom(want)
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    p.close()
    if p.body is None:
        fail("%s: no <body> in the dumped DOM" % path)
    return p


def ready(path):
    p = parse(path, "sg-errors")
    if p.body.get("data-ready") != "1":
        fail("the report's script did not finish (body data-ready=%r); errors: %s"
             % (p.body.get("data-ready"), "".join(p.text) or "none recorded"))
    if "data-errors" in p.body:
        fail("the report recorded %s script error(s): %s" % (p.body["data-errors"], "".join(p.text)))
    print("ok    the report loads without script errors (body data-ready=1)")


def harness(path):
    p = parse(path, "result")
    lines = "".join(p.text).splitlines()
    rect = [x for x in lines if x.startswith("drawing ")]
    for x in lines:
        if not x.startswith("drawing "):
            print(x)
    if p.body.get("data-done") != "1":
        fail("the harness did not finish")
    if not lines or any(x.startswith("FAIL") for x in lines):
        sys.exit(1)
    if rect:
        print(rect[-1])


# ---- PNG ---------------------------------------------------------------------------

CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
# Adam7 passes: x start, y start, x step, y step
ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2),
         (0, 1, 1, 2))


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def unfilter(data, pos, width, height, bpp, stride):
    """Undoes the per-row filters of one (sub)image starting at data[pos]; returns the
    rows (bytearrays) and the position after them."""
    rows = []
    prev = bytearray(stride)
    for _ in range(height):
        ftype = data[pos]
        row = bytearray(data[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        if ftype == 1:
            for i in range(bpp, stride):
                row[i] = (row[i] + row[i - bpp]) & 0xFF
        elif ftype == 2:
            for i in range(stride):
                row[i] = (row[i] + prev[i]) & 0xFF
        elif ftype == 3:
            for i in range(stride):
                left = row[i - bpp] if i >= bpp else 0
                row[i] = (row[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif ftype == 4:
            for i in range(stride):
                left = row[i - bpp] if i >= bpp else 0
                upleft = prev[i - bpp] if i >= bpp else 0
                row[i] = (row[i] + paeth(left, prev[i], upleft)) & 0xFF
        elif ftype != 0:
            fail("PNG: unknown filter type %d" % ftype)
        rows.append(row)
        prev = row
    return rows, pos


def samples(row, width, channels, depth):
    """The samples of one unfiltered row, scaled to 0..255 (palette indexes kept)."""
    n = width * channels
    if depth == 8:
        return list(row[:n])
    if depth == 16:
        return [row[2 * i] for i in range(n)]  # the high byte
    per = 8 // depth
    mask = (1 << depth) - 1
    out = []
    for i in range(n):
        byte = row[i // per]
        out.append((byte >> (8 - depth * (i % per + 1))) & mask)
    return out


def read_png(path):
    """Returns (width, height, pixels) with pixels[y][x] = (r, g, b) composited on white."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail("%s is not a PNG file" % path)
    pos = 8
    idat = []
    palette = None
    trns = None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if zlib.crc32(kind + body) != struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])[0]:
            fail("PNG: bad CRC in chunk %r" % kind)
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"PLTE":
            palette = [tuple(body[i:i + 3]) for i in range(0, len(body), 3)]
        elif kind == b"tRNS":
            trns = body
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    if ctype not in CHANNELS:
        fail("PNG: unknown colour type %d" % ctype)
    channels = CHANNELS[ctype]
    raw = zlib.decompress(b"".join(idat))
    bpp = max(1, channels * depth // 8)
    maxv = 255 if depth >= 8 or ctype == 3 else (1 << depth) - 1

    def pixel(s):
        if ctype == 3:
            r, g, b = palette[s[0]]
            a = trns[s[0]] if trns is not None and s[0] < len(trns) else 255
        elif ctype in (0, 4):
            r = g = b = s[0] * 255 // maxv
            a = s[1] if ctype == 4 else 255
        else:
            r, g, b = s[0], s[1], s[2]
            a = s[3] if ctype == 6 else 255
        # composite on white, as the page's background is
        return tuple((c * a + 255 * (255 - a)) // 255 for c in (r, g, b))

    img = [[(255, 255, 255)] * width for _ in range(height)]
    passes = ADAM7 if interlace == 1 else ((0, 0, 1, 1),)
    pos = 0
    for x0, y0, dx, dy in passes:
        pw = (width - x0 + dx - 1) // dx if width > x0 else 0
        ph = (height - y0 + dy - 1) // dy if height > y0 else 0
        if pw == 0 or ph == 0:
            continue
        stride = (pw * channels * depth + 7) // 8
        rows, pos = unfilter(raw, pos, pw, ph, bpp, stride)
        for j, row in enumerate(rows):
            y = y0 + j * dy
            if depth == 8 and ctype in (2, 6) and dx == 1:
                # the common case, without a call per pixel
                r, g, b = row[0::channels], row[1::channels], row[2::channels]
                if ctype == 2 or all(a == 255 for a in row[3::4]):
                    img[y] = list(zip(r, g, b))
                    continue
            s = samples(row, pw, channels, depth)
            for i in range(pw):
                img[y][x0 + i * dx] = pixel(s[i * channels:(i + 1) * channels])
    return width, height, img


def near(p, c, tol=48):
    return all(abs(a - b) <= tol for a, b in zip(p, c))


def png(path, x, y, w, h, edge_colours):
    width, height, img = read_png(path)
    x0, y0 = max(0, x), max(0, y)
    x1, y1 = min(width, x + w), min(height, y + h)
    if x1 - x0 < 100 or y1 - y0 < 100:
        fail("the drawing's box %r is not inside the %dx%d screenshot" % ((x, y, w, h), width, height))
    area = (x1 - x0) * (y1 - y0)
    counts = collections.Counter()
    for row in img[y0:y1]:
        counts.update(row[x0:x1])
    ink = area - counts[(255, 255, 255)]
    colours = [c for c in counts if c != (255, 255, 255)]
    seen = {}
    for hexc in edge_colours:
        want = tuple(int(hexc[i:i + 2], 16) for i in (1, 3, 5))
        seen[hexc] = sum(n for c, n in counts.items() if near(c, want))
    msg = ("screenshot %dx%d: drawing box %dx%d at %d,%d: %d non-white pixels (%.1f%%), "
           "%d distinct colours; pixels near the edge colours: %s"
           % (width, height, x1 - x0, y1 - y0, x0, y0, ink, 100.0 * ink / area, len(colours),
              ", ".join("%s %d" % kv for kv in sorted(seen.items())) or "none given"))
    drawn = sum(1 for n in seen.values() if n >= EDGE_PIXELS)
    if ink < area // 100 or len(colours) < 8 or drawn < min(2, len(seen)):
        fail(msg + ": the drawing looks blank or lacks its edge colours (want at least 1% "
             "ink, 8 colours and %d pixels of each of %d edge colours)"
             % (EDGE_PIXELS, min(2, len(seen))))
    print("ok    " + msg)


# ---- the reader's self-test: a small writer ---------------------------------------------

def filter_row(ftype, row, prev, bpp):
    out = bytearray(len(row))
    for i, x in enumerate(row):
        left = row[i - bpp] if i >= bpp else 0
        up = prev[i]
        upleft = prev[i - bpp] if i >= bpp else 0
        pred = (0, left, up, (left + up) >> 1, paeth(left, up, upleft))[ftype]
        out[i] = (x - pred) & 0xFF
    return out


def pack(values, depth):
    if depth == 8:
        return bytearray(values)
    if depth == 16:
        return bytearray(b for v in values for b in (v >> 8, v & 0xFF))
    out = bytearray((len(values) * depth + 7) // 8)
    per = 8 // depth
    for i, v in enumerate(values):
        out[i // per] |= v << (8 - depth * (i % per + 1))
    return out


def write_png(path, width, height, ctype, depth, interlace, sample, palette=None, trns=None):
    """sample(x, y) gives the pixel's samples at the given depth."""
    channels = CHANNELS[ctype]
    bpp = max(1, channels * depth // 8)
    raw = bytearray()
    passes = ADAM7 if interlace else ((0, 0, 1, 1),)
    for x0, y0, dx, dy in passes:
        xs = list(range(x0, width, dx))
        ys = list(range(y0, height, dy))
        if not xs or not ys:
            continue
        prev = bytearray((len(xs) * channels * depth + 7) // 8)
        for j, y in enumerate(ys):
            row = pack([v for x in xs for v in sample(x, y)], depth)
            ftype = (j + x0) % 5
            raw.append(ftype)
            raw += filter_row(ftype, row, prev, bpp)
            prev = row

    def chunk(kind, body):
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body)))

    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth,
                                                              ctype, 0, 0, int(interlace)))
    if palette is not None:
        out += chunk(b"PLTE", bytes(c for p in palette for c in p))
    if trns is not None:
        out += chunk(b"tRNS", bytes(trns))
    out += chunk(b"IDAT", zlib.compress(bytes(raw))) + chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(out)


def selftest():
    import os
    import tempfile
    w, h = 13, 11
    colours = [(255, 255, 255), (213, 94, 0), (0, 114, 178), (0, 0, 0), (119, 119, 119),
               (10, 200, 30)]

    def colour(x, y):
        return colours[(x * 3 + y * 5 + x * y) % len(colours)]

    cases = []
    for interlace in (False, True):
        for depth in (8, 16):
            k = 257 if depth == 16 else 1
            cases.append(("rgb", 2, depth, interlace,
                          lambda x, y, k=k: [c * k for c in colour(x, y)], colour))
            cases.append(("rgba", 6, depth, interlace,
                          lambda x, y, k=k: [c * k for c in colour(x, y)] + [255 * k], colour))
            cases.append(("gray+alpha", 4, depth, interlace,
                          lambda x, y, k=k: [colour(x, y)[1] * k, 255 * k],
                          lambda x, y: (colour(x, y)[1],) * 3))
        for depth in (1, 2, 4, 8, 16):
            top = (1 << depth) - 1
            cases.append(("gray", 0, depth, interlace,
                          lambda x, y, top=top: [(x + y) % (top + 1)],
                          lambda x, y, top=top: ((x + y) % (top + 1) * 255 // top,) * 3))
        for depth in (1, 2, 4, 8):
            n = min(len(colours), 1 << depth)
            cases.append(("palette", 3, depth, interlace,
                          lambda x, y, n=n: [colours.index(colour(x, y)) % n],
                          lambda x, y, n=n: colours[colours.index(colour(x, y)) % n]))
    # transparency composites on white
    cases.append(("rgba half alpha", 6, 8, False, lambda x, y: [0, 0, 0, 128],
                  lambda x, y: (127, 127, 127)))
    fd, path = tempfile.mkstemp(suffix=".png")
    os.close(fd)
    try:
        for name, ctype, depth, interlace, sample, want in cases:
            write_png(path, w, h, ctype, depth, interlace, sample,
                      palette=colours if ctype == 3 else None)
            width, height, img = read_png(path)
            for y in range(h):
                for x in range(w):
                    if img[y][x] != tuple(want(x, y)):
                        fail("PNG reader: %s, depth %d%s: pixel %d,%d is %r, want %r" % (
                            name, depth, ", interlaced" if interlace else "", x, y, img[y][x],
                            tuple(want(x, y))))
    finally:
        os.unlink(path)
    print("ok    the PNG reader decodes %d images (every colour type, bit depth, filter, "
          "interlacing)" % len(cases))


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "ready":
        ready(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "harness":
        harness(sys.argv[2])
    elif len(sys.argv) == 2 and sys.argv[1] == "selftest":
        selftest()
    elif len(sys.argv) >= 7 and sys.argv[1] == "png":
        png(sys.argv[2], *(int(v) for v in sys.argv[3:7]), sys.argv[7:])
    else:
        fail("usage: check.py ready DOM | harness DOM | png SHOT X Y W H [#RRGGBB...] | selftest")


if __name__ == "__main__":
    main()
