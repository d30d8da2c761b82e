"""The remote provider: another node's registry API over HTTP (``requests``).

Every call is bounded: connect and read timeouts per node, at most ``max_retries`` retries with
exponential backoff (connection errors, timeouts, 502/503/504 only), and a circuit breaker per node
(``licenses.gateway.breaker``). A node that cannot answer gives ``unavailable`` — never a hang or a 500.
What the node sends back is verified with the trust list imported for it (``verify_disclosure``)."""

import logging
import random
import time

import requests
from django.conf import settings

from accounts.models import User
from licenses.consent import AccessBasis, authorise_read
from licenses.consent.services import note_registered_with
from licenses.errors import ReadDenied
from licenses.identifiers import parse_identifier
from licenses.models import PartnerNode
from licenses.signers.keystore import decrypt_private_key

from ..breaker import CircuitBreaker
from ..trust import verify_disclosure
from .base import Provider, ProviderAnswer, register

logger = logging.getLogger("licenses.gateway.remote")
RETRY_STATUSES = {502, 503, 504}


class NodeUnavailable(Exception):
    pass


def outbound_token(node: PartnerNode) -> str:
    if not node.outbound_token_encrypted:
        return ""
    return decrypt_private_key(node.outbound_token_encrypted, key_id=f"partner:{node.code}").decode("utf-8")


class RemoteRegistryClient:
    """HTTP client of one partner node's registry API (``/api/v1/registry/``)."""

    def __init__(self, node: PartnerNode):
        self.node = node
        self.breaker = CircuitBreaker(f"node:{node.code}")

    def _url(self, path: str) -> str:
        return self.node.base_url.rstrip("/") + "/api/v1/registry/" + path.lstrip("/")

    def _headers(self) -> dict:
        return {
            "Authorization": f"Node {settings.MZB_NODE_CODE} {outbound_token(self.node)}",
            "Accept": "application/json",
        }

    def post(self, path: str, body: dict) -> tuple[int, dict]:
        """(status code, JSON body) of an answer, or ``NodeUnavailable`` once retries are spent."""
        if not self.breaker.allow():
            raise NodeUnavailable(f"{self.node.name}暂时不可用（熔断中，稍后自动重试）")
        timeout = (self.node.connect_timeout, self.node.read_timeout)
        last = ""
        with requests.Session() as session:
            for attempt in range(self.node.max_retries + 1):
                if attempt:
                    base = settings.GATEWAY_BACKOFF_SECONDS * (2 ** (attempt - 1))
                    time.sleep(base + random.uniform(0, base / 2))  # noqa: S311 - jitter, not crypto
                try:
                    response = session.post(
                        self._url(path), json=body, headers=self._headers(), timeout=timeout
                    )
                except requests.Timeout:
                    last = "响应超时"
                    continue
                except requests.RequestException:
                    last = "无法连接"
                    continue
                if response.status_code in RETRY_STATUSES:
                    last = f"HTTP {response.status_code}"
                    continue
                self.breaker.record_success()
                try:
                    body = response.json()
                except ValueError:
                    body = {}
                return response.status_code, body if isinstance(body, dict) else {}
        self.breaker.record_failure()
        logger.warning("licenses.gateway.remote.unavailable node=%s reason=%s", self.node.code, last)
        raise NodeUnavailable(f"{self.node.name}暂时不可用（{last}），请稍后重试或改为上传材料")

    def revoke_consent(self, *, reference: str, reason: str) -> bool:
        try:
            status, _body = self.post(f"consents/{reference}/revoke/", {"reason": reason})
        except NodeUnavailable:
            return False
        return status in (200, 404)


def _problem(body: dict) -> str:
    return str(body.get("detail") or body.get("title") or "对方节点拒绝了请求")[:300]


def _answer_for_status(status: int, body: dict) -> ProviderAnswer | None:
    if status == 403:
        return ProviderAnswer("denied", "对方节点拒绝：" + _problem(body))
    if status == 404:
        return ProviderAnswer("not-found", _problem(body))
    if status != 200:
        return ProviderAnswer("unavailable", f"对方节点返回错误（HTTP {status}）：{_problem(body)}")
    return None


@register("remote")
class RemoteProvider(Provider):
    def _precheck(
        self,
        *,
        basis: AccessBasis,
        type_code: str,
        fields: list[str],
        user: User | None,
        holder_code: str | None = None,
        node: PartnerNode | None = None,
    ) -> None:
        if basis.consent is None:
            raise ReadDenied("向其他节点调取证照须附持证人的用证授权")
        authorise_read(
            basis=basis, holder_code=holder_code, type_code=type_code, fields=fields, user=user, node=node
        )

    def _call(self, path: str, basis: AccessBasis, body: dict) -> tuple[int, dict]:
        note_registered_with(consent=basis.consent, node=self.node)  # revocations will be pushed here
        body = {
            **body,
            "purpose": basis.purpose,
            "case_reference": basis.case_reference,
            "consent": basis.consent.terms(),
        }
        return RemoteRegistryClient(self.node).post(path, body)

    def query(
        self,
        *,
        holder_code: str,
        type_code: str,
        basis: AccessBasis,
        user: User | None,
        node: PartnerNode | None = None,
    ) -> ProviderAnswer:
        try:
            self._precheck(
                basis=basis, type_code=type_code, fields=[], user=user, holder_code=holder_code, node=node
            )
            status, body = self._call("query/", basis, {"holder_code": holder_code, "type_code": type_code})
        except ReadDenied as error:
            return ProviderAnswer("denied", error.message, holder_code=holder_code)
        except NodeUnavailable as error:
            return ProviderAnswer("unavailable", str(error), holder_code=holder_code)
        failed = _answer_for_status(status, body)
        if failed:
            failed.holder_code = holder_code
            return failed
        items = [
            item
            for item in body.get("licenses", [])
            if isinstance(item, dict) and item.get("type_code") == type_code
        ]
        return ProviderAnswer(
            "ok" if items else "not-found",
            "" if items else "未找到该类证照",
            items=items,
            holder_code=holder_code,
        )

    def _sealed(self, status: int, body: dict, *, identifier: str, basis: AccessBasis) -> ProviderAnswer:
        failed = _answer_for_status(status, body)
        if failed:
            return failed
        document, seal = body.get("document"), body.get("seal")
        if not isinstance(document, dict):
            return ProviderAnswer("rejected", "对方节点返回的数据格式错误")
        check = verify_disclosure(node=self.node, document=document, seal=seal)
        answer = ProviderAnswer(
            "ok", holder_code=str(document.get("holder_code", "")), license_name=str(document.get("name", ""))
        )
        if not check.ok:
            answer.status, answer.message = "rejected", check.message
        elif (
            document.get("identifier") != identifier
            or document.get("consent_reference") != basis.consent_reference
        ):
            answer.status, answer.message = "rejected", "返回的数据与请求的证照或授权不一致"
        elif document.get("holder_code") != basis.consent.holder_code:
            answer.status, answer.message = "rejected", "返回的证照持证主体与授权人不一致"
        answer.data = (
            {
                "document": document,
                "seal_check": {"ok": check.ok, "code": check.code, "message": check.message},
                "verified": answer.status == "ok",
            }
            if answer.status == "ok"
            else {}
        )
        return answer

    def _sealed_call(
        self,
        path: str,
        payload: dict,
        *,
        identifier: str,
        fields: list[str],
        basis: AccessBasis,
        user: User | None,
        node: PartnerNode | None = None,
    ) -> ProviderAnswer:
        """Check the consent here first, call the partner node, and accept only a sealed answer."""
        try:
            type_code = parse_identifier(identifier).type_code
            self._precheck(basis=basis, type_code=type_code, fields=fields, user=user, node=node)
            status, body = self._call(path, basis, payload)
        except ValueError as error:
            return ProviderAnswer("not-found", str(error))
        except ReadDenied as error:
            return ProviderAnswer("denied", error.message)
        except NodeUnavailable as error:
            return ProviderAnswer("unavailable", str(error))
        return self._sealed(status, body, identifier=identifier, basis=basis)

    def retrieve(
        self,
        *,
        identifier: str,
        fields: list[str],
        basis: AccessBasis,
        user: User | None,
        node: PartnerNode | None = None,
    ) -> ProviderAnswer:
        answer = self._sealed_call(
            "retrieve/",
            {"identifier": identifier, "fields": sorted(fields)},
            identifier=identifier,
            fields=fields,
            basis=basis,
            user=user,
            node=node,
        )
        if answer.status == "ok":
            disclosed = answer.data["document"].get("disclosed_fields")
            if disclosed != sorted(fields):
                answer.status, answer.message, answer.data = "rejected", "返回的字段与请求的字段不一致", {}
            else:
                answer.fields_read = sorted(fields)
                # the seal is good; whether the license itself is valid is the issuer registry's verdict
                answer.data["verified"] = answer.data["document"].get("verification_result") == "valid"
                answer.data["verification_result"] = answer.data["document"].get("verification_result", "")
        return answer

    def verify(
        self,
        *,
        identifier: str,
        holder_code: str | None,
        basis: AccessBasis,
        user: User | None,
        node: PartnerNode | None = None,
    ) -> ProviderAnswer:
        answer = self._sealed_call(
            "verify/",
            {"identifier": identifier, "holder_code": holder_code},
            identifier=identifier,
            fields=[],
            basis=basis,
            user=user,
            node=node,
        )
        if answer.status == "ok":
            answer.data["verified"] = answer.data["document"].get("result") == "valid"
            answer.message = str(answer.data["document"].get("result_label", ""))
        return answer
