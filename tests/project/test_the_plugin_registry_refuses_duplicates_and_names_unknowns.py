"""The one plugin registry: a duplicate name is refused, an unknown one is named in Chinese with the known ones."""

import pytest

from catalogs.registry import DuplicatePlugin, Registry, UnknownPlugin


def test_a_registry_lists_looks_up_and_offers_choices():
    registry: Registry = Registry("示例插件")

    @registry.register("b", label="乙")
    class B: ...

    registry.register_instance("a", "plain object")
    assert list(registry) == ["a", "b"] and len(registry) == 2
    assert registry["b"] is B and "a" in registry and "c" not in registry
    assert registry.choices() == [("a", "a"), ("b", "乙")]


def test_a_duplicate_name_is_refused_and_the_first_plugin_stays():
    registry: Registry = Registry("示例插件")
    registry.register_instance("x", 1)
    with pytest.raises(DuplicatePlugin, match="示例插件“x”已注册"):
        registry.register_instance("x", 2)
    assert registry["x"] == 1


def test_an_unknown_name_is_a_chinese_domain_error_listing_the_known_ones():
    registry: Registry = Registry("示例插件")
    registry.register_instance("x", 1)
    with pytest.raises(UnknownPlugin) as raised:
        registry["y"]
    assert str(raised.value) == "未知的示例插件“y”；已注册：x"
