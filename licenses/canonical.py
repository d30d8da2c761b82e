"""RFC 8785 (JCS) canonical JSON, with a fast path for the payloads we seal.

The ``rfc8785`` package serialises in pure Python (~90 µs for a license payload, as much as the ECDSA
verify itself). For values made only of dicts with string keys, lists, strings, booleans, None and
integers within ±2**53 — every payload we seal — JCS's output is exactly what ``json.dumps`` gives with
sorted keys, no whitespace and no ASCII escaping (same escapes: ``\\"``, ``\\\\``, ``\\b\\f\\n\\r\\t``,
other control characters as lowercase ``\\u00xx``), provided no key holds a character outside the Basic
Multilingual Plane (JCS sorts keys by UTF-16 code units, Python by code points; they agree within the BMP).
Anything else (floats, big integers, astral-plane keys, other types) goes to ``rfc8785``, so the bytes are
always JCS's; tests/licenses compare both on generated payloads.
"""

import json

import rfc8785

_SAFE_INT = 2**53 - 1
_ASTRAL = "\U00010000"


def _plain(value) -> bool:
    kind = type(value)
    if kind is str or value is None or kind is bool:
        return True
    if kind is int:
        return -_SAFE_INT <= value <= _SAFE_INT
    if kind is dict:
        for key, item in value.items():
            if type(key) is not str or (key and max(key) >= _ASTRAL) or not _plain(item):
                return False
        return True
    if kind is list:
        return all(_plain(item) for item in value)
    return False


def canonical_bytes(payload) -> bytes:
    if _plain(payload):
        text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        try:
            return text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: let rfc8785 refuse it as it always has
            pass
    return rfc8785.dumps(payload)
