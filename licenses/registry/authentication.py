"""Partner nodes authenticate with their own bearer token: ``Authorization: Node <code> <token>``.

Only the SHA-256 of each partner's token is stored (``PartnerNode.inbound_token_hash``); tokens are
32 random bytes, so an unsalted hash is enough, and the comparison is constant-time."""

import hashlib
import hmac
import secrets

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions

from licenses.models import PartnerNode


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


class PartnerPrincipal:
    """``request.user`` for a partner node's call."""

    is_authenticated = True
    is_anonymous = False
    is_superuser = False
    is_staff = False
    pk = None
    department_id = None

    def __init__(self, node: PartnerNode):
        self.node = node

    def has_perm(self, perm, obj=None) -> bool:
        return False

    def get_username(self) -> str:
        return f"node:{self.node.code}"

    def __str__(self) -> str:
        return self.node.name


class PartnerNodeAuthentication(authentication.BaseAuthentication):
    keyword = "Node"

    def authenticate(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        parts = header.split()
        if not parts or parts[0] != self.keyword:
            return None
        if len(parts) != 3:
            raise exceptions.AuthenticationFailed("节点凭据格式应为：Node <节点代码> <令牌>")
        code, token = parts[1], parts[2]
        node = PartnerNode.objects.filter(code=code, enabled=True).first()
        expected = node.inbound_token_hash if node else hash_token(new_token())
        if node is None or not expected or not hmac.compare_digest(expected, hash_token(token)):
            raise exceptions.AuthenticationFailed("节点凭据无效")
        return PartnerPrincipal(node), node

    def authenticate_header(self, request):
        return self.keyword


class IsPartnerNode(permissions.BasePermission):
    message = "只有已登记的伙伴节点可以调用注册库接口"

    def has_permission(self, request, view):
        return isinstance(request.user, PartnerPrincipal)


class PartnerNodeAuthScheme(OpenApiAuthenticationExtension):
    target_class = "licenses.registry.authentication.PartnerNodeAuthentication"
    name = "partnerNode"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "伙伴节点凭据：Node <节点代码> <令牌>",
        }
