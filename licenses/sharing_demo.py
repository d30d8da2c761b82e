"""Set up one node of the demo network (``manage.py setup_node``): the demo catalog, trusted seal
keys for the issuing departments in the regions this node serves, and the people of the two-node
story — 李明 (a Gansu citizen living in Qinghai) holds an ID card issued by 甘肃省公安厅 on the
620000 node; on the 630000 node he signs in as ``liming`` and a handler of 城东区民政局 reads it."""

import os
from datetime import date, timedelta

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from accounts.demo import DEFAULT_DEMO_PASSWORD
from accounts.models import User
from accounts.roles import APPLICANT, HANDLER, sync_roles
from catalogs import demo as catalog_demo
from catalogs.identifiers import HOLDER_CODE_CITIZEN
from catalogs.models import Department
from licenses.demo import LIMING_GANSU
from licenses.gateway.directory import is_local_region as node_serves
from licenses.models import ELicense, KeyAlgorithm, SealKey
from licenses.services import issue_license
from licenses.services.keys import create_seal_key


def _ensure_keys() -> int:
    created = 0
    for department in (
        Department.objects.select_related("region").filter(issued_license_types__isnull=False).distinct()
    ):
        if (
            node_serves(department.region.code)
            and not SealKey.objects.filter(department=department, trusted=True).exists()
        ):
            create_seal_key(
                department=department,
                algorithm=KeyAlgorithm.ECDSA_P256,
                valid_from=timezone.now() - timedelta(minutes=1),
                note="节点初始化",
            )
            created += 1
    return created


def _user(username: str, *, real_name: str, role: str, department=None, holder_code: str = "") -> User:
    user, created = User.objects.get_or_create(username=username)
    user.real_name, user.department = real_name, department
    user.is_staff = department is not None
    user.holder_code, user.holder_code_type = holder_code, HOLDER_CODE_CITIZEN if holder_code else ""
    user.holder_verified_at = timezone.now() if holder_code else None
    if created:
        user.set_password(os.environ.get("DEMO_PASSWORD", DEFAULT_DEMO_PASSWORD))
    user.full_clean()
    user.save()
    user.groups.set([Group.objects.get(name=role)])
    return user


@transaction.atomic
def setup_node() -> dict:
    catalog_demo.load()
    sync_roles()
    id_card = catalog_demo.license_type("ID")
    if node_serves("620000"):
        id_card.issuing_departments.add(
            catalog_demo.department("GSGA")
        )  # 甘肃 issues ID cards on its own node
    result: dict = {"keys_created": _ensure_keys()}
    if node_serves("620000"):
        gansu = catalog_demo.department("GSGA")
        lic = ELicense.objects.filter(license_type=id_card, issuer=gansu, holder_code=LIMING_GANSU).first()
        if lic is None:
            version = issue_license(
                license_type=id_card,
                issuer=gansu,
                holder_code=LIMING_GANSU,
                holder_name="李明",
                issue_date=date(2019, 8, 8),
                face={
                    "sex": "男",
                    "ethnicity": "汉族",
                    "birth_date": "1991-08-08",
                    "address": "甘肃省兰州市城关区庆阳路1号",
                },
                reason="节点演示数据",
            )
            lic = version.license
        result["liming_id_card"] = lic.current_version.identifier
    if node_serves("630000"):
        _user("liming", real_name="李明", role=APPLICANT, holder_code=LIMING_GANSU)
        _user("handler_mz", real_name="马晓梅", role=HANDLER, department=catalog_demo.department("CDMZ"))
        result["grantee_department"] = catalog_demo.department("CDMZ").uscc
    result["id_type_code"] = catalog_demo.license_type("ID").code
    return result
