"""What the 四性检测 needs from a PDF, read in-process: it opens, its XMP metadata, its text, encryption, scripts.

Poppler (``pdfinfo``, ``pdftotext``) used to run three times per PDF in its own process — ~90 ms per
document, most of it ``pdftotext`` parsing the embedded CJK font — which made checking a package 90× as
slow as building it (docs/benchmarks/performance.md). This reader covers what the checks ask:

- **opens**: the cross-reference (classic table or a 1.5+ xref stream, following ``/Prev``), the trailer,
  the catalog and the page tree resolve; every object the checks touch parses;
- **xmp**: the catalog's ``/Metadata`` stream (for ``pdfaid:part``/``conformance``);
- **text**: the text-showing operators (``Tj``, ``TJ``, ``'``, ``"``) of every page's content streams (and
  their form XObjects), decoded through each font's ``/ToUnicode`` CMap — the same source pdftotext uses for
  these fonts; without layout analysis, lines joined;
- **encrypted**: the trailer has ``/Encrypt``;
- **active**: the names of actions and embedded content (``/JavaScript``, ``/JS``, ``/Launch``,
  ``/EmbeddedFile`` …) found in *every* object, including those inside compressed object streams, which a
  scan of the raw file bytes cannot see.

Anything it does not support (another stream filter than Flate, a font without ``/ToUnicode``, a damaged
cross-reference) raises ``Unsupported``; the checks then ask poppler, as before, so a PDF from elsewhere is
never judged by a reader that cannot read it. Our own documents (WeasyPrint) never need poppler.
"""

import binascii
import re
import zlib
from dataclasses import dataclass, field

WS = b"\x00\t\n\x0c\r "
SKIP_RE = re.compile(rb"(?:[\x00\t\n\x0c\r ]+|%[^\r\n]*)*")
WORD_RE = re.compile(rb"[^\x00\t\n\x0c\r ()<>\[\]{}/%]+")
_D = rb"[^\x00\t\n\x0c\r ()<>\[\]{}/%]"  # a regular character (not white space, not a delimiter)
CONTENT_TOKEN_RE = re.compile(
    rb"(?:[\x00\t\n\x0c\r ]+|%[^\r\n]*)*(?:"
    rb"(?P<num>[+-]?(?:\d+\.?\d*|\.\d+))(?!" + _D + rb")"
    rb"|(?P<name>/" + _D + rb"*)"
    rb"|(?P<dict><<)|(?P<dictend>>>)"
    rb"|(?P<hex><[^>]*>)"
    rb"|(?P<arr>\[)|(?P<arrend>\])"
    rb"|(?P<str>\()"
    rb"|(?P<op>" + _D + rb"+|[{}'\"])"
    rb")?"
)
_W = rb"[\x00\t\n\x0c\r ]"
INLINE_IMAGE_RE = re.compile(rb"BI(?<!" + _D + rb"BI)(?!" + _D + rb")")  # literal first: see TEXT_OR_FORM_RE
# a text object (BT … ET), or the operands and operator of a form XObject (``/Name Do``)
# (each alternative starts with a literal so that the regex engine skips ahead to a "B" or "/": with the
# look-behind first, as ``(?<!…)BT``, it tried both alternatives at every byte of the drawing operators)
TEXT_OR_FORM_RE = re.compile(
    rb"BT(?<!" + _D + rb"BT)(?!" + _D + rb")(?P<text>(?:[^E]++|E)*?)ET(?<!" + _D + rb"ET)(?!" + _D + rb")"
    rb"|/(?P<form>" + _D + rb"+)(?P<space>" + _W + rb"*)Do(?!" + _D + rb")",
    re.S,
)
_N = rb"[-+.0-9]+"
# inside a text object without literal strings: the font, the strings shown, and line moves
TEXT_OP_RE = re.compile(
    rb"/(?P<font>" + _D + rb"+)" + _W + rb"+" + _N + _W + rb"+Tf(?!" + _D + rb")"
    rb"|\[(?P<array>[^\]]*)\]" + _W + rb"*TJ(?!" + _D + rb")"
    rb"|<(?P<hex>[0-9A-Fa-f\x00\t\n\x0c\r ]*)>" + _W + rb"*(?:Tj|'|\")(?!" + _D + rb")"
    rb"|(?<!" + _D + rb")(?P<newline>T\*|TD)(?!" + _D + rb")"
)
HEX_RE = re.compile(rb"<([0-9A-Fa-f\x00\t\n\x0c\r ]*)>")
OBJECT_TOKEN_RE = re.compile(
    rb"(?:[\x00\t\n\x0c\r ]+|%[^\r\n]*)*(?:"
    rb"(?P<ref>(?P<refnum>\d+)" + _W + rb"+(?P<refgen>\d+)" + _W + rb"+R)(?!" + _D + rb")"
    rb"|(?P<num>[+-]?(?:\d+\.?\d*|\.\d+))(?!" + _D + rb")"
    rb"|(?P<name>/" + _D + rb"*)"
    rb"|(?P<dict><<)|(?P<dictend>>>)"
    rb"|(?P<hex><[^<>]*>)"
    rb"|(?P<arr>\[)|(?P<arrend>\])"
    rb"|(?P<str>\()"
    rb"|(?P<word>" + _D + rb"+)"
    rb")?"
)
REF_RE = re.compile(rb"[\x00\t\n\x0c\r ]+(\d+)[\x00\t\n\x0c\r ]+R(?![^\x00\t\n\x0c\r ()<>\[\]{}/%])")
# the names security.PDF_ACTIVE looks for in the file's own bytes
ACTIVE_RE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia|SubmitForm|ImportData|GoToR|XFA)\b")
ESCAPED_NAME_RE = re.compile(rb"/(" + _D + rb"*#" + _D + rb"*)")


def active_names(data: bytes) -> set[str]:
    """The names of actions and embedded content in ``data``, also when spelled with ``#xx`` escapes
    (``/J#61vaScript`` is ``/JavaScript`` to every PDF reader, but not to a scan for the plain bytes)."""
    names = {name.decode() for name in ACTIVE_RE.findall(data)}
    if b"#" in data:
        for escaped in ESCAPED_NAME_RE.findall(data):
            name = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), escaped)
            found = ACTIVE_RE.match(b"/" + name)
            if found:
                names.add(found.group(1).decode())
    return names


class Unsupported(Exception):
    """This reader cannot read the PDF (or this part of it); ask poppler."""


class Ref(tuple):
    __slots__ = ()


class Name(bytes):
    __slots__ = ()


class Op(bytes):
    """A bare word: an operator in a content stream, a keyword (obj, R, stream) elsewhere."""

    __slots__ = ()


@dataclass
class Stream:
    attrs: dict
    raw: bytes

    def data(self) -> bytes:
        filters = self.attrs.get(b"Filter")
        filters = [filters] if isinstance(filters, Name) else list(filters or [])
        data = self.raw
        for name in filters:
            if name != b"FlateDecode":
                raise Unsupported(f"filter {name.decode(errors='replace')}")
            if self.attrs.get(b"DecodeParms"):
                parms = self.attrs[b"DecodeParms"]
                if isinstance(parms, dict) and parms.get(b"Predictor", 1) > 1:
                    data = _png_unpredict(zlib.decompress(data), parms)
                    continue
            try:
                data = zlib.decompress(data)
            except zlib.error as error:
                raise Unsupported(f"flate: {error}") from error
        return data


def _png_unpredict(data: bytes, parms: dict) -> bytes:
    columns = parms.get(b"Columns", 1)
    if parms.get(b"Predictor", 1) < 10:
        raise Unsupported("TIFF predictor")
    out, prev, row = bytearray(), bytearray(columns), columns + 1
    for start in range(0, len(data), row):
        kind, line = data[start], bytearray(data[start + 1 : start + row])
        if kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, prev, strict=False))
        elif kind != 0:
            raise Unsupported(f"PNG predictor {kind}")
        out += line
        prev = line
    return bytes(out)


class _Lexer:
    NUMBER = re.compile(rb"[+-]?(?:\d+\.?\d*|\.\d+)")

    def __init__(self, data: bytes, pos: int = 0):
        self.data, self.pos = data, pos

    def skip(self) -> None:
        self.pos = SKIP_RE.match(self.data, self.pos).end()

    def token(self):
        """The next object or operator (operators as bytes, names as Name)."""
        self.skip()
        data, pos = self.data, self.pos
        if pos >= len(data):
            raise Unsupported("unexpected end of data")
        c = data[pos : pos + 1]
        if c == b"/":
            word = WORD_RE.match(data, pos + 1)
            end = word.end() if word else pos + 1
            self.pos = end
            name = data[pos + 1 : end]
            if b"#" in name:
                name = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), name)
            return Name(name)
        if c == b"(":
            return self._literal()
        if c == b"<":
            if data[pos + 1 : pos + 2] == b"<":
                self.pos += 2
                return self._dict()
            end = data.find(b">", pos)
            if end < 0:
                raise Unsupported("unterminated hex string")
            self.pos = end + 1
            try:  # fromhex skips white space
                return bytes.fromhex(data[pos + 1 : end].decode())
            except (ValueError, UnicodeDecodeError):
                digits = re.sub(rb"\s", b"", data[pos + 1 : end])
                try:  # an odd number of digits: the last one is followed by 0
                    return bytes.fromhex((digits + b"0").decode())
                except (ValueError, UnicodeDecodeError) as error:
                    raise Unsupported("bad hex string") from error
        if c == b"[":
            self.pos += 1
            items = []
            while True:
                self.skip()
                if self.data[self.pos : self.pos + 1] == b"]":
                    self.pos += 1
                    return items
                items.append(self.slow_value())
        if c in (b">", b"]", b")", b"{", b"}"):
            self.pos += 1
            return Op(c)
        word = WORD_RE.match(data, pos)
        end = word.end() if word else pos + 1
        self.pos = end
        word = data[pos:end]
        if self.NUMBER.fullmatch(word):
            return float(word) if b"." in word else int(word)
        return {b"true": True, b"false": False, b"null": None}.get(word, Op(word))

    def value(self):
        """The next value, with ``n g R`` references folded (one regex match per token, no recursion)."""
        result, self.pos = _fast_value(self.data, self.pos)
        return result

    def slow_value(self):
        """``value()`` token by token (kept for comparison in the tests)."""
        item = self.token()
        if type(item) is int:
            ref = REF_RE.match(self.data, self.pos)
            if ref:
                self.pos = ref.end()
                return Ref((item, int(ref.group(1))))
        if isinstance(item, Op) and item in (b">", b"]"):
            raise Unsupported("unbalanced delimiter")
        return item

    def _dict(self) -> dict:
        result = {}
        while True:
            self.skip()
            if self.data[self.pos : self.pos + 2] == b">>":
                self.pos += 2
                return result
            key = self.token()
            if not isinstance(key, Name):
                raise Unsupported("dictionary key is not a name")
            result[bytes(key)] = self.slow_value()

    def _literal(self) -> bytes:
        data, pos, depth, out = self.data, self.pos + 1, 1, bytearray()
        escapes = {ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("b"): 8, ord("f"): 12}
        while pos < len(data):
            c = data[pos]
            if c == 0x5C:  # backslash
                pos += 1
                e = data[pos]
                if e in escapes:
                    out.append(escapes[e])
                elif 0x30 <= e <= 0x37:
                    digits = re.match(rb"[0-7]{1,3}", data[pos : pos + 3]).group()
                    out.append(int(digits, 8) & 0xFF)
                    pos += len(digits) - 1
                elif e in (10, 13):
                    if e == 13 and data[pos + 1 : pos + 2] == b"\n":
                        pos += 1
                else:
                    out.append(e)
            elif c == 0x28:
                depth += 1
                out.append(c)
            elif c == 0x29:
                depth -= 1
                if depth == 0:
                    self.pos = pos + 1
                    return bytes(out)
                out.append(c)
            else:
                out.append(c)
            pos += 1
        raise Unsupported("unterminated string")


def _fast_value(data: bytes, pos: int):
    """The value at ``pos`` and the position after it: ``_Lexer.slow_value`` without a method call per token."""
    stack: list[list] = []  # open arrays and dictionaries (dictionaries as [marker, k, v, …])
    match = OBJECT_TOKEN_RE.match
    while True:
        token = match(data, pos)
        if token is None or token.lastgroup is None:
            raise Unsupported("unreadable object")
        pos = token.end()
        kind = token.lastgroup
        if kind == "ref":
            value = Ref((int(token.group("refnum")), int(token.group("refgen"))))
        elif kind == "num":
            word = token.group(kind)
            value = float(word) if b"." in word else int(word)
        elif kind == "name":
            name = token.group(kind)[1:]
            if b"#" in name:
                name = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), name)
            value = Name(name)
        elif kind == "hex":
            digits = token.group(kind)[1:-1]
            try:
                value = bytes.fromhex(digits.decode())
            except (ValueError, UnicodeDecodeError):
                digits = re.sub(rb"\s", b"", digits)
                try:
                    value = bytes.fromhex((digits + b"0").decode())
                except (ValueError, UnicodeDecodeError) as error:
                    raise Unsupported("bad hex string") from error
        elif kind == "str":
            lexer = _Lexer(data, pos - 1)
            value = lexer._literal()
            pos = lexer.pos
        elif kind == "arr":
            stack.append([])
            continue
        elif kind == "dict":
            stack.append([_DICT])
            continue
        elif kind == "arrend":
            if not stack or (stack[-1] and stack[-1][0] is _DICT):
                raise Unsupported("unbalanced delimiter")
            value = stack.pop()
        elif kind == "dictend":
            if not stack or not stack[-1] or stack[-1][0] is not _DICT:
                raise Unsupported("unbalanced delimiter")
            items = stack.pop()[1:]
            if len(items) % 2:
                raise Unsupported("dictionary without a value")
            value = {}
            for key, item in zip(items[::2], items[1::2], strict=True):
                if not isinstance(key, Name):
                    raise Unsupported("dictionary key is not a name")
                value[bytes(key)] = item
        else:  # a bare word
            word = token.group(kind)
            value = {b"true": True, b"false": False, b"null": None}.get(word, Op(word))
            if stack and isinstance(value, Op):
                raise Unsupported(f"unexpected {word[:20]!r} inside an object")
        if not stack:
            return value, pos
        stack[-1].append(value)


_DICT = object()


# one token of a region without comments or literal strings (see _container_in): white space, then a name,
# a dictionary or array delimiter, a hex string, a run of regular characters (number, keyword), or any
# other single character (which sends the region back to _fast_value)
REGION_TOKEN_RE = re.compile(
    rb"[\x00\t\n\x0c\r ]*+(/" + _D + rb"*+|<<|>>|\[|\]|<[^<>]*>|" + _D + rb"++|.)", re.S
)
OBJECT_HEADER_RE = re.compile(
    rb"[\x00\t\n\x0c\r ]*+[+-]?\d++" + _W + rb"++[+-]?\d++" + _W + rb"++obj(?!" + _D + rb")"
)
NUMBER_RE = re.compile(rb"[+-]?(?:\d+\.?\d*|\.\d+)")
_KEYWORDS = {b"true": True, b"false": False, b"null": None}


def _container_in(data: bytes, pos: int, end: int):
    """The dictionary or array starting at ``pos`` when it closes before ``end``: what ``_fast_value`` gives,
    from the tokens of ``data[pos:end]`` listed in one ``findall``; or None, and the caller parses it with
    ``_fast_value``. Only for a region without ``%`` and ``(`` (so no comment sits between the parts of a
    reference and no string hides a delimiter); a region cut inside a token can only cut its last token,
    and the container must close at or before it, so the tokens up to the close are those ``_fast_value``
    reads. Returns (value, index of the token after the close, number of tokens)."""
    if data.find(b"%", pos, end) >= 0 or data.find(b"(", pos, end) >= 0:
        return None
    tokens = REGION_TOKEN_RE.findall(data, pos, end)
    if not tokens or tokens[0] not in (b"<<", b"["):
        return None
    parents: list = []  # the containers around ``top``, the one being filled
    top = None
    index, count = 0, len(tokens)
    while index < count:
        token = tokens[index]
        index += 1
        first = token[0]
        if first == 0x2F:  # /
            name = token[1:]
            if 0x23 in name:  # #
                name = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), name)
            value = Name(name)
        elif 0x30 <= first <= 0x39 and token.isdigit():
            if index + 1 < count and tokens[index + 1] == b"R" and tokens[index].isdigit():
                value = Ref((int(token), int(tokens[index])))
                index += 2
            else:
                value = int(token)
        elif token == b"<<":
            parents.append(top)
            top = [_DICT]
            continue
        elif token == b">>":
            if not top or top[0] is not _DICT or len(top) % 2 == 0:  # (None, or an empty array)
                return None
            keys = top[1::2]
            if not set(map(type, keys)) <= {Name}:
                return None
            value = dict(zip(map(bytes, keys), top[2::2], strict=True))
            top = parents.pop()
        elif token == b"[":
            parents.append(top)
            top = []
            continue
        elif token == b"]":
            if top is None or (top and top[0] is _DICT):
                return None
            value = top
            top = parents.pop()
        elif first == 0x3C and len(token) > 1:  # <hex> (a lone "<" is no hex string)
            try:
                value = bytes.fromhex(token[1:-1].decode())
            except (ValueError, UnicodeDecodeError):
                return None
        elif first in b"+-.0123456789":
            if NUMBER_RE.fullmatch(token) is None:
                return None
            value = float(token) if b"." in token else int(token)
        elif token in _KEYWORDS:
            value = _KEYWORDS[token]
        else:  # another keyword or delimiter inside an object: let _fast_value say what it is
            return None
        if top is None:
            return value, index, count
        top.append(value)
    return None


@dataclass
class PdfFacts:
    xmp: str = ""
    text: str = ""
    encrypted: bool = False
    active: set = field(default_factory=set)
    pages: int = 0


class PdfReader:
    def __init__(self, data: bytes, *, fast: bool = True):
        """``fast=False`` reads without the fast paths (kept to compare them with in the tests)."""
        if not data.startswith(b"%PDF-"):
            raise Unsupported("not a PDF header")
        self.data = data
        self.offsets: dict[int, int] = {}
        self.in_streams: dict[int, tuple[int, int]] = {}
        self.trailer: dict = {}
        self._cache: dict[int, object] = {}
        self._objstm: dict[int, tuple] = {}
        self._decoders: dict = {}
        self._by_region: dict[bytes, object] = {}
        self.fast = fast
        self._read_xref()

    # cross-reference -------------------------------------------------------------------------------
    def _read_xref(self) -> None:
        tail = self.data[-1024:]
        match = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", tail)
        if not match:
            raise Unsupported("no startxref")
        offset, seen = int(match.group(1)), set()
        while offset is not None and offset not in seen:
            seen.add(offset)
            trailer = self._xref_section(offset)
            for key, value in trailer.items():
                self.trailer.setdefault(key, value)
            offset = trailer.get(b"Prev")

    def _xref_section(self, offset: int) -> dict:
        if self.data[offset : offset + 4] == b"xref":
            lexer = _Lexer(self.data, offset + 4)
            while True:
                lexer.skip()
                if self.data[lexer.pos : lexer.pos + 7] == b"trailer":
                    lexer.pos += 7
                    trailer = lexer.value()
                    break
                start, count = lexer.token(), lexer.token()
                if not isinstance(start, int) or not isinstance(count, int):
                    raise Unsupported("bad xref subsection")
                lexer.skip()
                for number in range(start, start + count):
                    row = self.data[lexer.pos : lexer.pos + 20]
                    parts = row.split()
                    if len(parts) < 3:
                        raise Unsupported("bad xref row")
                    if parts[2] == b"n":
                        self.offsets.setdefault(number, int(parts[0]))
                    lexer.pos += 20 if row[18:20] in (b"\r\n", b" \n", b" \r") else len(row.rstrip()) + 1
                    lexer.skip()
            if not isinstance(trailer, dict):
                raise Unsupported("bad trailer")
            return trailer
        stream = self._object_at(offset)
        if not isinstance(stream, Stream) or stream.attrs.get(b"Type") != b"XRef":
            raise Unsupported("startxref does not point at a cross-reference")
        widths = stream.attrs[b"W"]
        index = stream.attrs.get(b"Index", [0, stream.attrs[b"Size"]])
        data, row, pos = stream.data(), sum(widths), 0
        for start, count in zip(index[::2], index[1::2], strict=True):
            for number in range(start, start + count):
                fields, p = [], pos
                for width in widths:
                    fields.append(int.from_bytes(data[p : p + width], "big") if width else None)
                    p += width
                pos += row
                kind = 1 if widths[0] == 0 else fields[0]
                if kind == 1:
                    self.offsets.setdefault(number, fields[1])
                elif kind == 2:
                    self.in_streams.setdefault(number, (fields[1], fields[2]))
        return stream.attrs

    # objects ---------------------------------------------------------------------------------------
    def _object_at(self, offset: int):
        header = OBJECT_HEADER_RE.match(self.data, offset) if self.fast else None
        if header is not None:  # "12 0 obj": what the three tokens below read, in one match
            lexer = _Lexer(self.data, header.end())
        else:
            lexer = _Lexer(self.data, offset)
            number, _generation, keyword = lexer.token(), lexer.token(), lexer.token()
            if not isinstance(number, int) or keyword != b"obj":
                raise Unsupported(f"no object at offset {offset}")
        value = self._top_level_value(lexer)
        lexer.skip()
        if isinstance(value, dict) and self.data.startswith(b"stream", lexer.pos):
            start = lexer.pos + 6
            start += 2 if self.data[start : start + 2] == b"\r\n" else 1
            length = value.get(b"Length")
            if isinstance(length, Ref):
                length = self.get(length)
            if not isinstance(length, int) or not self.data.startswith(
                b"endstream", self._after(start + length)
            ):
                end = self.data.find(b"endstream", start)
                if end < 0:
                    raise Unsupported("unterminated stream")
                length = len(self.data[start:end].rstrip(b"\r\n"))
            return Stream(value, self.data[start : start + length])
        return value

    def _top_level_value(self, lexer: _Lexer):
        """The value of an indirect object at ``lexer.pos``, leaving ``lexer.pos`` after it: a dictionary or
        array that fills the region up to the next ``stream`` or ``endobj`` keyword (what our files hold)
        through ``_container_in``, anything else through ``_fast_value``."""
        data, pos = self.data, lexer.pos
        if self.fast:
            stream = data.find(b"stream", pos, pos + 8192)
            endobj = data.find(b"endobj", pos, pos + 8192 if stream < 0 else stream)  # whichever comes first
            end = endobj if endobj >= 0 else stream
            if end >= 0:
                found = _container_in(data, pos, end)
                if found is not None and found[1] == found[2]:  # nothing but white space after it
                    lexer.pos = pos + len(data[pos:end].rstrip(WS))
                    return found[0]
        return lexer.value()

    def _after(self, pos: int) -> int:
        while pos < len(self.data) and self.data[pos] in WS:
            pos += 1
        return pos

    def get(self, value):
        """``value`` itself, or the object a reference points at (None for a missing object, as PDF says)."""
        if not isinstance(value, Ref):
            return value
        number = value[0]
        if number in self._cache:
            return self._cache[number]
        if number in self.offsets:
            result = self._object_at(self.offsets[number])
        elif number in self.in_streams:
            container, index = self.in_streams[number]
            result = self._object_in_stream(container, index)
        else:
            result = None
        self._cache[number] = result
        return result

    def _object_in_stream(self, number: int, index: int):
        if number not in self._objstm:
            stream = self.get(Ref((number, 0)))
            if not isinstance(stream, Stream) or stream.attrs.get(b"Type") != b"ObjStm":
                raise Unsupported("bad object stream")
            data, count, first = stream.data(), stream.attrs[b"N"], stream.attrs[b"First"]
            numbers = [int(n) for n in re.findall(rb"\d+", data[:first])]
            if len(numbers) < 2 * count:
                raise Unsupported("bad object stream header")
            offsets = numbers[1 : 2 * count : 2]
            # where each object's region ends: at the next object's offset (or the end of the stream)
            starts = sorted({first + offset for offset in offsets} | {len(data)})
            ends = {start: starts[i + 1] for i, start in enumerate(starts[:-1])}
            self._objstm[number] = (data, first, offsets, ends)
        data, first, offsets, ends = self._objstm[number]
        start = first + offsets[index]
        if self.fast and start in ends:
            region = data[start : ends[start]]
            if region in self._by_region:  # the same bytes parsed before (WeasyPrint repeats resources)
                return self._by_region[region]
            found = _container_in(data, start, ends[start])
            if found is not None:
                self._by_region[region] = found[0]
                return found[0]
        return _Lexer(data, start).value()

    def object_streams(self) -> list[bytes]:
        """The decoded object streams (the dictionaries a raw scan of the file cannot see)."""
        for number in {container for container, _ in self.in_streams.values()}:
            if number not in self._objstm:
                self._object_in_stream(number, 0)
        return [data[first:] for data, first, _, _ in self._objstm.values()]

    # what the checks need --------------------------------------------------------------------------
    def facts(self) -> PdfFacts:
        facts = PdfFacts(encrypted=b"Encrypt" in self.trailer)
        root = self.get(self.trailer.get(b"Root"))
        if not isinstance(root, dict) or root.get(b"Type") != b"Catalog":
            raise Unsupported("no document catalog")
        metadata = self.get(root.get(b"Metadata"))
        if isinstance(metadata, Stream):
            facts.xmp = metadata.data().decode("utf-8", errors="replace")
        # actions and embedded content named in compressed objects (security.py scans the raw bytes)
        for data in self.object_streams():
            facts.active.update(active_names(data))
        if facts.encrypted:
            return facts  # strings and streams are encrypted: read_pdf leaves these to poppler
        texts = []
        for page in self._pages(self.get(root.get(b"Pages")), {}, set()):
            facts.pages += 1
            texts.append(self._page_text(page))
        facts.text = "\n".join(texts)
        return facts

    def _pages(self, node, inherited: dict, seen: set):
        if not isinstance(node, dict) or id(node) in seen:
            raise Unsupported("bad page tree")
        seen.add(id(node))
        inherited = {**inherited, **{k: node[k] for k in (b"Resources",) if k in node}}
        if node.get(b"Type") == b"Page":
            yield {**inherited, **node}
            return
        for kid in self.get(node.get(b"Kids")) or []:
            yield from self._pages(self.get(kid), inherited, seen)

    def _page_text(self, page: dict) -> str:
        contents = self.get(page.get(b"Contents"))
        streams = [self.get(c) for c in contents] if isinstance(contents, list) else [contents]
        data = b"\n".join(s.data() for s in streams if isinstance(s, Stream))
        return self._content_text(data, self.get(page.get(b"Resources")) or {}, depth=0)

    def _content_text(self, data: bytes, resources: dict, *, depth: int) -> str:
        """The text a content stream shows. Most of a page's operators draw (paths, rectangles): when the
        stream has no literal string and no inline image, only its text objects (BT … ET) and form
        XObjects (Do) are tokenised; otherwise the whole stream is."""
        if depth > 8:
            raise Unsupported("form XObjects nested too deeply")
        state = {"font": None}
        if not self.fast or b"(" in data or b"%" in data or INLINE_IMAGE_RE.search(data):
            return self._tokens_text(data, resources, state, depth)
        fonts = self.get(resources.get(b"Font")) or {}
        out = []
        for segment in TEXT_OR_FORM_RE.finditer(data):
            text = segment.group("text")
            if text is None:  # a form XObject: what _tokens_text does with "/Name Do"
                xobjects = self.get(resources.get(b"XObject")) or {}
                if segment.group("space"):  # (without it "/NameDo" is one name, and no operator)
                    xobject = self.get(xobjects.get(segment.group("form")))
                    if isinstance(xobject, Stream) and xobject.attrs.get(b"Subtype") == b"Form":
                        inner = self.get(xobject.attrs.get(b"Resources")) or resources
                        out.append(self._content_text(xobject.data(), inner, depth=depth + 1))
                continue
            # no literal string, comment or inline image here: hex strings, numbers, names, operators only
            for font, array, shown, newline in TEXT_OP_RE.findall(text):  # one of the four is set
                if font:
                    state["font"] = self._decoder(fonts, font)
                elif newline:
                    out.append("\n")
                else:  # a TJ array (or "[] TJ"), or one hex string shown (or "<> Tj")
                    decoder = state["font"]
                    if decoder is None:
                        raise Unsupported("text shown without a font")
                    if array:
                        out.append("".join(map(decoder.shown.__getitem__, HEX_RE.findall(array))))
                    else:
                        out.append(decoder.shown[shown])
            out.append("\n")
        return "".join(out)

    def _decoder(self, fonts: dict, name) -> "_ToUnicode":
        reference = fonts.get(name)
        key = reference if isinstance(reference, Ref) else id(reference)
        if key not in self._decoders:
            self._decoders[key] = _ToUnicode.of(self, self.get(reference))
        return self._decoders[key]

    def _tokens_text(self, data: bytes, resources: dict, state: dict, depth: int) -> str:
        """Tokenise ``data`` (one regex match per token; numbers are not converted, marked-content
        dictionaries skipped) and decode what its text operators show."""
        fonts = self.get(resources.get(b"Font")) or {}
        xobjects = self.get(resources.get(b"XObject")) or {}
        operands, out, font, array = [], [], state["font"], None
        pos, end, match = 0, len(data), CONTENT_TOKEN_RE.match
        while True:
            token = match(data, pos)
            if token is None:
                raise Unsupported("unreadable content stream")
            pos = token.end()
            kind = token.lastgroup
            if kind is None:  # only whitespace and comments were left
                if pos >= end:
                    break
                raise Unsupported("unreadable content stream")
            if kind == "num":
                (array if array is not None else operands).append(None)
            elif kind == "hex":
                try:  # fromhex skips white space
                    value = bytes.fromhex(token.group(kind)[1:-1].decode())
                except (
                    ValueError,
                    UnicodeDecodeError,
                ):  # an odd number of digits: the last one is followed by 0
                    digits = re.sub(rb"[^0-9A-Fa-f]", b"", token.group(kind)[1:-1])
                    value = bytes.fromhex((digits + b"0").decode())
                (array if array is not None else operands).append(value)
            elif kind == "str":
                lexer = _Lexer(data, pos - 1)
                value = lexer._literal()
                pos = lexer.pos
                (array if array is not None else operands).append(value)
            elif kind == "name":
                (array if array is not None else operands).append(Name(token.group(kind)[1:]))
            elif kind == "arr":
                array = []
            elif kind == "arrend":
                operands.append(array or [])
                array = None
            elif kind == "op":
                op = token.group(kind)
                if op == b"BI":  # inline image: its binary data ends at EI
                    found = re.compile(rb"\sEI(?![^\x00\t\n\x0c\r ()<>\[\]{}/%])").search(data, pos)
                    pos = end if found is None else found.end()
                elif op == b"Tf" and operands:
                    font = self._decoder(fonts, bytes(operands[0]) if isinstance(operands[0], Name) else None)
                elif op in (b"Tj", b"'", b'"', b"TJ"):
                    if font is None:
                        raise Unsupported("text shown without a font")
                    shown = operands[-1] if operands else b""
                    for part in shown if isinstance(shown, list) else [shown]:
                        if type(part) is bytes:
                            out.append(font.decode(part))
                elif op in (b"ET", b"T*", b"TD"):
                    out.append("\n")
                elif op == b"Do" and operands and isinstance(operands[0], Name):
                    xobject = self.get(xobjects.get(bytes(operands[0])))
                    if isinstance(xobject, Stream) and xobject.attrs.get(b"Subtype") == b"Form":
                        inner = self.get(xobject.attrs.get(b"Resources")) or resources
                        out.append(self._content_text(xobject.data(), inner, depth=depth + 1))
                operands = []
            # "dict" / "dictend" (marked-content properties) carry no text
        state["font"] = font
        return "".join(out)


class _Unmapped(dict):
    """A ``str.translate`` table: a code the CMap does not map shows as U+FFFD, as in ``slow_decode``."""

    def __missing__(self, code: int) -> str:
        return "\ufffd"


class _Shown(dict):
    """The text of a hex string (its digits, as in the content stream) in one font, decoded once."""

    def __init__(self, font: "_ToUnicode"):
        super().__init__()
        self.font = font

    def __missing__(self, digits: bytes) -> str:
        try:  # unhexlify takes the bytes as they are, but no white space
            codes = binascii.unhexlify(digits)
        except binascii.Error:
            try:
                codes = bytes.fromhex(digits.decode())
            except ValueError as error:
                raise Unsupported("odd hex string") from error
        self[digits] = text = self.font.decode(codes)
        return text


class _ToUnicode:
    def __init__(self, code_bytes: int, mapping: dict[bytes, str] | None = None, *, table=None):
        """From the CMap's ``mapping`` (code bytes → text), or straight from its ``table`` (_cmap_table)."""
        self.code_bytes = code_bytes
        if table is None:
            # the map keyed by the code as a number: a string of codes, read as UTF-16BE (2 bytes) or
            # Latin-1 (1 byte), is then one character per code, and str.translate maps them all in C
            table = _Unmapped(
                (int.from_bytes(code, "big"), text)
                for code, text in mapping.items()
                if len(code) == code_bytes
            )
        self._mapping, self.table = mapping, table
        self.shown = _Shown(self)

    @classmethod
    def of(cls, reader: PdfReader, font) -> "_ToUnicode":
        if not isinstance(font, dict):
            raise Unsupported("font not found")
        cmap = reader.get(font.get(b"ToUnicode"))
        if not isinstance(cmap, Stream):
            raise Unsupported("font without /ToUnicode")
        code_bytes = 2 if font.get(b"Subtype") == b"Type0" else 1
        if code_bytes == 2 and font.get(b"Encoding") not in (b"Identity-H", b"Identity-V"):
            raise Unsupported("Type0 font with another encoding than Identity")
        if not reader.fast:
            decoder = cls(code_bytes, _parse_cmap(cmap.data()))
            decoder.decode = decoder.slow_decode
            return decoder
        return cls(code_bytes, table=_cmap_table(cmap.data(), code_bytes))

    def decode(self, data: bytes) -> str:
        if self.code_bytes == 1:
            return data.decode("latin-1").translate(self.table)
        if len(data) % 2:
            data = data[:-1]  # a last, incomplete code shows nothing (as in slow_decode)
        codes = data.decode("utf-16-be", "surrogatepass")
        if len(codes) * 2 != len(data):  # two codes that form a surrogate pair became one character
            return self.slow_decode(data)
        return codes.translate(self.table)

    @property
    def mapping(self) -> dict[bytes, str]:
        """Code bytes → text (built from the table when the decoder was made from one)."""
        if self._mapping is None:
            self._mapping = {code.to_bytes(self.code_bytes, "big"): text for code, text in self.table.items()}
        return self._mapping

    def slow_decode(self, data: bytes) -> str:
        """``decode`` code by code (kept for comparison in the tests)."""
        n, mapping = self.code_bytes, self.mapping
        return "".join(mapping.get(data[i : i + n], "\ufffd") for i in range(0, len(data) - n + 1, n))


def _utf16(hexdigits: bytes) -> str:
    return bytes.fromhex(hexdigits.decode()).decode("utf-16-be", errors="replace")


def _parse_cmap(data: bytes) -> dict[bytes, str]:
    mapping: dict[bytes, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            mapping[bytes.fromhex(src.decode())] = _utf16(dst)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(
            rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])", block
        ):
            width, low, high = len(lo) // 2, int(lo, 16), int(hi, 16)
            if high - low > 65535:
                raise Unsupported("bfrange too large")
            if dst.startswith(b"["):
                targets = re.findall(rb"<([0-9A-Fa-f]*)>", dst)
                for offset, target in enumerate(targets[: high - low + 1]):
                    mapping[(low + offset).to_bytes(width, "big")] = _utf16(target)
            else:
                base = bytes.fromhex(dst[1:-1].decode())
                for offset in range(high - low + 1):
                    last = (int.from_bytes(base[-2:], "big") + offset) & 0xFFFF if len(base) >= 2 else offset
                    target = base[:-2] + last.to_bytes(2, "big") if len(base) >= 2 else base
                    mapping[(low + offset).to_bytes(width, "big")] = target.decode(
                        "utf-16-be", errors="replace"
                    )
    return mapping


BFCHAR_BLOCK_RE = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
BFCHAR_RE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>")
BFCHAR_PAIRS_RE = re.compile(rb"(?:\s*+<[0-9A-Fa-f]{4}>\s*+<[0-9A-Fa-f]{4}>)*+\s*+")


def _cmap_table(data: bytes, code_bytes: int) -> _Unmapped:
    """``_parse_cmap`` as a translate table (code as a number → text, codes of ``code_bytes`` only). For a
    ``bfchar`` block of codes of that width, each mapped to one UTF-16 unit (every CMap WeasyPrint writes):
    all codes and all targets are decoded in one call each, not pair by pair; anything else (ranges, other
    widths, targets of several units, units that would pair up) through ``_parse_cmap``."""
    if b"beginbfrange" in data:
        mapping = _parse_cmap(data)
        return _Unmapped((int.from_bytes(c, "big"), t) for c, t in mapping.items() if len(c) == code_bytes)
    table = _Unmapped()
    encoding = "utf-16-be" if code_bytes == 2 else "latin-1"
    for block in BFCHAR_BLOCK_RE.findall(data):
        if code_bytes == 2 and BFCHAR_PAIRS_RE.fullmatch(block):
            # nothing but "<code> <unit>" pairs of 4 digits: the digits, in order, are code, unit, code, unit …
            units = binascii.unhexlify(block.translate(None, b"<> \t\n\x0b\x0c\r"))
            units = units.decode("utf-16-be", "surrogatepass")
            codes, texts = units[0::2], units[1::2]
            try:
                texts.encode("utf-8")  # a lone surrogate shows as U+FFFD: left to the pair by pair path
            except UnicodeEncodeError:
                pass
            else:
                if len(units) * 4 == len(block.translate(None, b"<> \t\n\x0b\x0c\r")):  # no pair joined
                    table.update(zip(map(ord, codes), texts, strict=True))
                    continue
        pairs = BFCHAR_RE.findall(block)
        sources, targets = [p[0] for p in pairs], [p[1] for p in pairs]
        if set(map(len, sources)) <= {2 * code_bytes} and set(map(len, targets)) <= {4}:
            codes = binascii.unhexlify(b"".join(sources)).decode(encoding, "surrogatepass")
            texts = binascii.unhexlify(b"".join(targets)).decode("utf-16-be", errors="replace")
            if len(codes) == len(texts) == len(pairs):  # no two units paired up as one character
                table.update(zip(map(ord, codes), texts, strict=True))
                continue
        for source, target in pairs:  # as _parse_cmap does, pair by pair (and failing where it fails)
            code, text = bytes.fromhex(source.decode()), _utf16(target)
            if len(code) == code_bytes:
                table[int.from_bytes(code, "big")] = text
    return table


def read_pdf(content: bytes) -> PdfFacts:
    """What the checks need from one PDF; ``Unsupported`` when this reader cannot tell (ask poppler)."""
    try:
        facts = PdfReader(content).facts()
        if facts.encrypted:  # poppler opens PDFs encrypted with an empty password; this reader does not
            raise Unsupported("encrypted")
        return facts
    except Unsupported:
        raise
    except (KeyError, IndexError, TypeError, ValueError, AttributeError, RecursionError) as error:
        raise Unsupported(f"{type(error).__name__}: {error}") from error
