"""Every fast path of the in-process PDF reader (archives.checks.pdf) gives what its slow path gives.

The fast paths (a dictionary parsed from one ``findall`` of its region, identical object-stream regions
parsed once, text objects found by a regex that starts with a literal, ToUnicode maps decoded block by
block, codes mapped with ``str.translate``, form XObjects drawn straight from the text-object regex) are
compared with ``PdfReader(fast=False)`` — the token-by-token reader — on every document we render, and
each one with its slow counterpart on generated hostile inputs: comments between the parts of a
reference, strings, ``#`` in names, odd hex strings, regions cut inside a token, surrogate pairs.
"""

import dataclasses
import random
import re

import pytest

from archives.checks import pdf as reader
from tests.forms.support import rendered_samples

# the text-object regex before it was reordered (look-behind first): the reference for the new one
OLD_TEXT_OR_FORM_RE = re.compile(
    rb"(?<!" + reader._D + rb")BT(?!" + reader._D + rb")(?P<text>.*?)(?<!" + reader._D + rb")ET(?!"
    rb"" + reader._D + rb")"
    rb"|/" + reader._D + rb"+" + reader._W + rb"*Do(?!" + reader._D + rb")",
    re.S,
)


@pytest.fixture(scope="module")
def documents():
    return rendered_samples()


def outcome(read):
    """What a read gives: its facts, or that it cannot read the file (the check then asks poppler)."""
    try:
        return dataclasses.asdict(read())
    except (reader.Unsupported, KeyError, IndexError, TypeError, ValueError, AttributeError, RecursionError):
        return "unsupported"  # read_pdf turns all of these into Unsupported
    except Exception as error:  # anything else: fast and slow must fail alike
        return type(error).__name__


def test_the_fast_reader_reads_the_same_facts_as_the_slow_reader_on_every_document_we_render(documents):
    for kind, content in documents.items():
        fast = reader.PdfReader(content)
        facts = fast.facts()
        assert dataclasses.asdict(facts) == dataclasses.asdict(reader.PdfReader(content, fast=False).facts())
        assert facts.text.strip() and "SQ-2026-139262013-" in facts.text, kind
        assert fast._by_region, "the fast object path was not taken"


def test_a_damaged_document_reads_alike_fast_and_slow(documents):
    rng = random.Random(7)
    samples = list(documents.values())
    compared = 0
    for _ in range(150):
        content = bytearray(rng.choice(samples))
        headers = [m.end() for m in re.finditer(rb"\d+ 0 obj", content)]
        for _ in range(rng.randrange(1, 4)):  # overwrite a few bytes of a dictionary outside the streams
            position = rng.choice(headers) + rng.randrange(120)
            content[position : position + 1] = rng.choice(
                [b" ", b"(", b"%", b"<", b">", b"/", b"0", b"R", b"]"]
            )
        content = bytes(content)
        assert outcome(lambda c=content: reader.PdfReader(c).facts()) == outcome(
            lambda c=content: reader.PdfReader(c, fast=False).facts()
        )
        compared += 1
    assert compared == 150


PIECES = [
    b"<<", b">>", b"[", b"]", b"/A", b"/Type", b"/N#20x", b"/", b"1", b"0", b"12", b"R", b"-3.5", b".5",
    b"+7", b"1.2.3", b"1e5", b"<4142>", b"<414>", b"<zz>", b"<>", b"true", b"false", b"null", b"obj",
    b"%c\n", b"(s)", b"(a)b)", b" ", b"\n", b"\r\n", b">", b"<", b"x", b"{", b")",
]  # fmt: skip


def random_objects(rng, count):
    for _ in range(count):
        body = b"".join(rng.choice(PIECES) + rng.choice([b" ", b"", b"\n"]) for _ in range(rng.randrange(12)))
        yield (
            rng.choice([b"<<", b"[", b" <<", b"\n["]) + b" " + body + rng.choice([b" >>", b"]", b">>]", b""])
        )


def test_a_region_parsed_from_one_findall_is_what_the_one_pass_parser_reads_even_cut_short():
    rng = random.Random(11)
    taken = 0
    samples = list(random_objects(rng, 4000)) + [
        b"<< /A [1 0 R 2 -3.5 <4142> /N#20x true null] /B << /C 7 >> >>",
        b"<< /A 1 %comment\n0 R >>",  # a comment between the parts of a reference
        b"[1 2 0 R 3]",
        b"<< /Length 12 0 R >>stream",
    ]
    for data in samples:
        try:
            slow = reader._fast_value(data, 0)[0]
        except reader.Unsupported:
            slow = "unsupported"
        for end in {len(data), rng.randrange(len(data) + 1)}:  # the whole region, or one cut anywhere
            fast = reader._container_in(data, 0, end)
            if fast is not None:
                taken += 1
                assert fast[0] == slow and type(fast[0]) is type(slow), data
    assert taken > 300  # the fast path was exercised, not only its refusals


def test_object_headers_and_trailing_dictionaries_match_the_token_by_token_reading():
    for data in [
        b"%PDF-1.7\n1 0 obj\n<< /A 1 >>\nendobj",
        b"%PDF-1.7\n1 0 obj<</A 1>>stream\nab\nendstream",
        b"%PDF-1.7\n1 0 obj % c\n<< /A 1 >> endobj",
        b"%PDF-1.7\n+1 -0 obj [1 2] endobj",
        b"%PDF-1.7\n1 0 objx << >> endobj",
        b"%PDF-1.7\n1 0 obj << /A (stream) >> endobj",
        b"%PDF-1.7\n1 0 obj << /A 1 >> x endobj",
    ]:
        results = []
        for fast in (True, False):
            pdf = reader.PdfReader.__new__(reader.PdfReader)
            pdf.data, pdf.fast, pdf._by_region, pdf._cache = data, fast, {}, {}
            try:
                value = pdf._object_at(9)
                results.append((value.attrs, value.raw) if isinstance(value, reader.Stream) else value)
            except (reader.Unsupported, ValueError):
                results.append("unsupported")
        assert results[0] == results[1], data


def random_content(rng):
    parts = [b"BT", b"ET", b"/F1 12 Tf", b"[<0041>] TJ", b"<0042> Tj", b"T*", b"q", b"Q", b"1 0 0 1 0 0 cm",
             b"/x0 Do", b"/x0Do", b"/BT", b"EBT", b"BTE", b"ETX", b"E", b"0 0 m"]  # fmt: skip
    return b"".join(rng.choice(parts) + rng.choice([b" ", b"\n", b""]) for _ in range(rng.randrange(25)))


def test_the_text_object_regex_finds_what_the_look_behind_first_regex_finds(documents):
    rng = random.Random(5)
    streams = [random_content(rng) for _ in range(3000)]
    for content in documents.values():
        pdf = reader.PdfReader(content)
        root = pdf.get(pdf.trailer[b"Root"])
        for page in pdf._pages(pdf.get(root[b"Pages"]), {}, set()):
            streams.append(pdf.get(page[b"Contents"]).data())
    for data in streams:
        old = [(m.span(), m.group("text")) for m in OLD_TEXT_OR_FORM_RE.finditer(data)]
        assert [(m.span(), m.group("text")) for m in reader.TEXT_OR_FORM_RE.finditer(data)] == old, data
    old_inline = re.compile(rb"(?<!" + reader._D + rb")BI(?!" + reader._D + rb")")
    for data in streams + [b"BI", b"xBI", b"BIx", b" BI ", b"/BI"]:
        assert bool(reader.INLINE_IMAGE_RE.search(data)) == bool(old_inline.search(data)), data


def well_formed_content(rng):
    """Drawing operators, form XObjects and text objects (BT … ET) as a PDF writer emits them."""
    outside = [b"q", b"Q", b"1 0 0 1 0 0 cm", b"0 0 m", b"/x0 Do", b"/x0  Do", b"/x0Do n", b"/other Do"]
    inside = [b"/F1 12 Tf", b"[<0041> -20 <00420041>] TJ", b"<0042> Tj", b"T*", b"1 0 0 -1 5 5 Tm", b"0 Tr"]
    parts = []
    for _ in range(rng.randrange(12)):
        if rng.random() < 0.5:
            parts.append(rng.choice(outside))
        else:
            ops = [b"/F1 1 Tf"] + [rng.choice(inside) for _ in range(rng.randrange(5))]
            parts.append(b"BT\n" + b"\n".join(ops) + b"\nET")
    return b"\n".join(parts)


def test_a_content_stream_shows_the_same_text_on_the_regex_path_and_the_tokeniser_path():
    # (on ill-formed streams — a name spelled /BT, text objects inside text objects — the two paths
    # differed before these fast paths too; what changed there is the regex, compared above)
    rng = random.Random(9)
    font = reader._ToUnicode(2, {b"\x00\x41": "A", b"\x00\x42": "B"})
    for _ in range(2000):
        data = well_formed_content(rng)
        results = []
        for fast in (True, False):
            pdf = reader.PdfReader.__new__(reader.PdfReader)
            pdf.data, pdf.fast, pdf._by_region, pdf._cache = b"", fast, {}, {}
            pdf._decoders = {id(None): font}
            form = reader.Stream({b"Subtype": reader.Name(b"Form")}, b"BT /F1 1 Tf <0042> Tj ET")
            resources = {b"Font": {}, b"XObject": {b"x0": form}}
            pdf._decoder = lambda fonts, name, font=font: font
            form.data = lambda form=form: form.raw
            try:
                results.append(pdf._content_text(data, resources, depth=0))
            except reader.Unsupported:
                results.append("unsupported")
        assert results[0] == results[1], data


def test_codes_mapped_with_translate_show_what_code_by_code_decoding_shows():
    rng = random.Random(3)
    mapping = {b"\x00\x41": "A", b"\xd8\x00": "高", b"\xdc\x00": "低", b"\x12\x34": "fi", b"\x00\x00": ""}
    two, one = reader._ToUnicode(2, mapping), reader._ToUnicode(1, {b"A": "a", b"\xff": "ÿ", b"AB": "x"})
    alphabet = [b"\x00", b"\x41", b"\xd8", b"\xdc", b"\x12", b"\x34", b"\xff", b"A", b"B"]
    for _ in range(3000):
        data = b"".join(rng.choice(alphabet) for _ in range(rng.randrange(12)))
        assert two.decode(data) == two.slow_decode(data), data
        assert one.decode(data) == one.slow_decode(data), data


def cmap(pairs: list[tuple[str, str]], ranges: str = "") -> bytes:
    chars = "\n".join(f"<{src}> <{dst}>" for src, dst in pairs)
    text = f"begincmap\n{len(pairs)} beginbfchar\n{chars}\nendbfchar\n{ranges}endcmap"
    return text.encode()


def test_a_tounicode_map_decoded_block_by_block_is_the_map_parsed_pair_by_pair(documents):
    samples = []
    for content in documents.values():
        pdf = reader.PdfReader(content)
        for number in pdf.in_streams:
            font = pdf.get(reader.Ref((number, 0)))
            if isinstance(font, dict) and font.get(b"ToUnicode"):
                samples.append((pdf.get(font[b"ToUnicode"]).data(), 2))
    assert len(samples) >= 5
    rng = random.Random(4)
    units = ["0041", "4E2D", "d800", "DC00", "D83D", "DE00", "00", "0041004", "00410042", ""]
    for _ in range(1500):
        pairs = [
            (rng.choice(["0041", "d800", "dc00", "12", "123456", "ff"]), rng.choice(units))
            for _ in range(rng.randrange(6))
        ]
        ranges = rng.choice(["", "1 beginbfrange\n<0001> <0003> <0041>\nendbfrange\n"])
        samples.append((cmap(pairs, ranges), rng.choice([1, 2])))
    for data, width in samples:
        try:
            slow = {
                int.from_bytes(code, "big"): text
                for code, text in reader._parse_cmap(data).items()
                if len(code) == width
            }
        except ValueError:
            slow = "unreadable"
        try:
            fast = dict(reader._cmap_table(data, width))
        except ValueError:
            fast = "unreadable"
        assert fast == slow, data
