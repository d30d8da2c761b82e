"""Prefill sources are plugins of the one registry: a second plugin under a taken name is refused (the first
stays), an unknown source kind is a Chinese domain error."""

import pytest

from catalogs.registry import DuplicatePlugin, UnknownPlugin
from forms.prefill.plugins import Missing, PrefillPlugin, prefill_plugins, register
from forms.prefill.plugins.license import LicensePrefill


def test_the_license_and_applicant_sources_are_registered():
    assert prefill_plugins.choices() == [("applicant", "申请人信息"), ("license", "电子证照")]
    assert isinstance(prefill_plugins["license"], LicensePrefill)


def test_a_second_plugin_under_a_taken_name_is_refused():
    with pytest.raises(DuplicatePlugin, match="预填来源“license”已注册"):

        @register("license")
        class Impostor(PrefillPlugin):
            def lookup(self, source, context):
                return Missing("never")

    assert isinstance(prefill_plugins["license"], LicensePrefill)


def test_an_unknown_source_kind_is_named_in_chinese():
    with pytest.raises(UnknownPlugin, match="未知的预填来源“wallet”；已注册：applicant、license"):
        prefill_plugins["wallet"]
