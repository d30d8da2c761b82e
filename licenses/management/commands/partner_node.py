"""Manage the partner-node directory: add/update a node, issue the token it presents to us, store
the token we present to it, import its trust list (fetched over HTTP or from a file, checked)."""

import json
import os

import requests
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from catalogs.errors import DomainError
from licenses.gateway.trust import import_trust_list
from licenses.models import PartnerNode
from licenses.registry.authentication import hash_token, new_token
from licenses.signers.keystore import encrypt_private_key


class Command(BaseCommand):
    help = "伙伴节点目录：add | issue-token | set-token | import-trust-list | list"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="登记或更新伙伴节点")
        add.add_argument("--code", required=True)
        add.add_argument("--name", required=True)
        add.add_argument("--base-url", required=True)
        add.add_argument("--regions", required=True, help="逗号分隔的区划代码，如 620000")
        add.add_argument("--connect-timeout", type=float, default=2.0)
        add.add_argument("--read-timeout", type=float, default=5.0)
        add.add_argument("--retries", type=int, default=2)
        add.add_argument("--inbound-token-env", help="对方出示的令牌所在的环境变量（只存摘要）")
        add.add_argument("--outbound-token-env", help="本节点向对方出示的令牌所在的环境变量（加密保存）")
        issue = sub.add_parser("issue-token", help="为伙伴节点生成来访令牌（只显示一次，只存摘要）")
        issue.add_argument("--code", required=True)
        set_token = sub.add_parser("set-token", help="保存本节点调用对方时出示的令牌（从环境变量读取）")
        set_token.add_argument("--code", required=True)
        set_token.add_argument("--env", required=True)
        trust = sub.add_parser("import-trust-list", help="导入伙伴节点的信任列表（经检查）")
        trust.add_argument("--code", required=True)
        trust.add_argument("--file", help="信任列表 JSON 文件；缺省时从节点的 /api/v1/trust-list.json 下载")
        trust.add_argument("--sha256", default="", help="双方线下约定的信任列表摘要（建议必填）")
        sub.add_parser("list", help="列出伙伴节点")

    def _node(self, code: str) -> PartnerNode:
        node = PartnerNode.objects.filter(code=code).first()
        if node is None:
            raise CommandError(f"伙伴节点 {code} 未登记")
        return node

    @staticmethod
    def _env(name: str) -> str:
        value = os.environ.get(name, "")
        if not value:
            raise CommandError(f"环境变量 {name} 为空")
        return value

    def handle(self, *args, **options):
        action = options["action"]
        try:
            getattr(self, "_" + action.replace("-", "_"))(options)
        except DomainError as error:
            raise CommandError(error.message) from error

    @transaction.atomic
    def _add(self, options):
        node, created = PartnerNode.objects.update_or_create(
            code=options["code"],
            defaults={
                "name": options["name"],
                "base_url": options["base_url"],
                "region_codes": [code.strip() for code in options["regions"].split(",") if code.strip()],
                "connect_timeout": options["connect_timeout"],
                "read_timeout": options["read_timeout"],
                "max_retries": options["retries"],
            },
        )
        try:
            node.full_clean()
        except ValidationError as error:
            raise CommandError("；".join(error.messages)) from error
        if options.get("inbound_token_env"):
            node.inbound_token_hash = hash_token(self._env(options["inbound_token_env"]))
        if options.get("outbound_token_env"):
            node.outbound_token_encrypted = encrypt_private_key(
                self._env(options["outbound_token_env"]).encode(), key_id=f"partner:{node.code}"
            )
        node.save()
        self.stdout.write(f"{'已登记' if created else '已更新'}伙伴节点 {node}")

    def _issue_token(self, options):
        node = self._node(options["code"])
        token = new_token()
        node.inbound_token_hash = hash_token(token)
        node.save(update_fields=["inbound_token_hash"])
        self.stdout.write(token)

    def _set_token(self, options):
        node = self._node(options["code"])
        node.outbound_token_encrypted = encrypt_private_key(
            self._env(options["env"]).encode(), key_id=f"partner:{node.code}"
        )
        node.save(update_fields=["outbound_token_encrypted"])
        self.stdout.write(f"已保存调用 {node} 时出示的令牌")

    def _import_trust_list(self, options):
        node = self._node(options["code"])
        if options.get("file"):
            with open(options["file"], encoding="utf-8") as handle:
                document = json.load(handle)
        else:
            url = node.base_url.rstrip("/") + "/api/v1/trust-list.json"
            try:
                response = requests.get(url, timeout=(node.connect_timeout, node.read_timeout))
                response.raise_for_status()
                document = response.json()
            except (requests.RequestException, ValueError) as error:
                raise CommandError(f"无法从 {url} 下载信任列表：{error}") from error
        keys = import_trust_list(node=node, document=document, expect_sha256=options["sha256"])
        node.refresh_from_db()
        self.stdout.write(f"已导入 {node} 的信任列表：{len(keys)} 把密钥，摘要 {node.trust_list_sha256}")

    def _list(self, options):
        for node in PartnerNode.objects.all():
            self.stdout.write(
                f"{node.code}\t{node.name}\t{node.base_url}\t{','.join(node.region_codes)}\t"
                f"{'启用' if node.enabled else '停用'}\t密钥 {node.keys.count()} 把"
            )
