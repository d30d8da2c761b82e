"""The four 四性检测 categories are plugins of the one registry: a second check under a taken name is
refused (the first stays), an unknown category is a Chinese domain error."""

import pytest

from archives.checks import CATEGORIES, checks, integrity
from catalogs.registry import DuplicatePlugin, UnknownPlugin


def test_every_category_has_exactly_its_registered_check():
    assert list(checks) == sorted(CATEGORIES)
    assert checks["integrity"] is integrity.run


def test_a_second_check_under_a_taken_category_is_refused():
    with pytest.raises(DuplicatePlugin, match="四性检测项“integrity”已注册"):

        @checks.register("integrity")
        def another(pkg):
            return []

    assert checks["integrity"] is integrity.run


def test_an_unknown_category_is_named_in_chinese():
    with pytest.raises(UnknownPlugin, match="未知的四性检测项“readability”"):
        checks["readability"]
