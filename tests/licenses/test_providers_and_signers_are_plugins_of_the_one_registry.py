"""License providers and signature algorithms are plugins of the one registry: a second plugin under a taken
name is refused (the first stays), an unknown name is a Chinese domain error naming the known ones."""

import inspect

import pytest

from catalogs.registry import DuplicatePlugin, UnknownPlugin
from licenses.gateway.providers import Provider, providers, register
from licenses.gateway.providers.local import LocalProvider
from licenses.signers import register as register_signer
from licenses.signers import signers
from licenses.signers.ecdsa import EcdsaP256Signer
from licenses.signers.sm2 import Sm2Sm3Signer


def test_the_local_and_remote_providers_are_registered():
    assert list(providers) == ["local", "remote"]
    assert providers["local"] is LocalProvider


def test_a_second_provider_under_a_taken_name_is_refused():
    with pytest.raises(DuplicatePlugin, match="证照来源“local”已注册"):

        @register("local")
        class Impostor(LocalProvider): ...

    assert providers["local"] is LocalProvider


def test_an_unknown_provider_is_named_in_chinese():
    with pytest.raises(UnknownPlugin, match="未知的证照来源“ftp”；已注册：local、remote"):
        providers["ftp"]


def test_every_provider_states_the_asking_node_keyword():
    for name in providers:
        for method in ("query", "retrieve", "verify"):
            assert "node" in inspect.signature(getattr(providers[name], method)).parameters, (name, method)
    assert "node" in inspect.signature(Provider.query).parameters


def test_a_second_signer_under_a_taken_algorithm_is_refused():
    with pytest.raises(DuplicatePlugin, match="签名算法“sm2-sm3”已注册"):

        @register_signer("sm2-sm3")
        class Impostor(EcdsaP256Signer): ...

    assert isinstance(signers["sm2-sm3"], Sm2Sm3Signer)
    assert signers["sm2-sm3"].algorithm == "sm2-sm3"


def test_an_unknown_algorithm_is_named_in_chinese():
    with pytest.raises(UnknownPlugin, match="未知的签名算法“rsa-sha1”；已注册：ecdsa-p256-sha256、sm2-sm3"):
        signers["rsa-sha1"]
