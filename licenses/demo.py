"""Demo licenses: keys for every issuing department, 7 citizens and 3 enterprises holding the licenses
the demo service items need (and a newborn's 出生医学证明), one revoked, one expired, one suspended, and one license sealed by
甘肃省公安厅 with a key that is not in the trust list. Idempotent (run twice = same result)."""

from datetime import date, timedelta
from functools import cache

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts import demo as accounts_demo
from catalogs import demo as catalog_demo
from catalogs.models import Department
from licenses import demo_reads
from licenses.models import ELicense, KeyAlgorithm, LicenseStatus, SealKey
from licenses.services import expire_due_licenses, issue_license, revoke_license, suspend_license
from licenses.services.drafts import prepare_draft
from licenses.services.issuing import issue_from_draft
from licenses.services.keys import create_seal_key

cid = accounts_demo.citizen_id
SM2_DEPARTMENTS = {"GA", "XNGA", "MZ", "CDMZ"}  # 国密 for public security and civil affairs, ECDSA elsewhere

ZHANGSAN = cid("630102", "19900101", 123)
LISI = cid("630103", "19920315", 246)
WANGFANG = cid("630104", "19880620", 82)
MAJIANGUO = cid("630104", "19850312", 151)
ZHAOMIN = cid("632123", "19860909", 64)
CAIRANGCUO = cid("632500", "19550505", 28)
LIMING_GANSU = cid("620102", "19910808", 35)
BABY = cid("630104", "20250301", 17)
QIYE = accounts_demo.enterprise_uscc(10000001)
BUILDER = accounts_demo.enterprise_uscc(10000002)
PHARMACY = accounts_demo.enterprise_uscc(10000003)

CITIZENS = [
    # holder code, name, sex, ethnicity, birth date, address
    (ZHANGSAN, "张三", "男", "汉族", "1990-01-01", "青海省西宁市城东区八一中路12号"),
    (LISI, "李四", "女", "回族", "1992-03-15", "青海省西宁市城中区南大街30号"),
    (WANGFANG, "王芳", "女", "汉族", "1988-06-20", "青海省西宁市城西区五四大街8号"),
    (MAJIANGUO, "马建国", "男", "回族", "1985-03-12", "青海省西宁市城西区五四大街8号"),
    (ZHAOMIN, "赵敏", "女", "土族", "1986-09-09", "青海省海东市乐都区碾伯镇古城大街5号"),
    (CAIRANGCUO, "才让措", "女", "藏族", "1955-05-05", "青海省海南藏族自治州共和县恰卜恰镇"),
]
ENTERPRISES = [
    (
        QIYE,
        "青海高原乳业有限公司",
        "马建国",
        "有限责任公司",
        "500",
        "2018-04-16",
        "青海省西宁市城北区生物园区经二路6号",
        "乳制品生产、销售",
    ),
    (
        BUILDER,
        "西宁城东建筑工程有限公司",
        "王芳",
        "有限责任公司",
        "2000",
        "2012-09-01",
        "青海省西宁市城东区建国路77号",
        "房屋建筑工程施工",
    ),
    (
        PHARMACY,
        "海东河湟大药房连锁有限公司",
        "赵敏",
        "有限责任公司",
        "300",
        "2016-11-20",
        "青海省海东市平安区平安大道18号",
        "药品零售",
    ),
]


def _person_face(code: str) -> dict:
    return next(
        {"sex": sex, "ethnicity": eth, "birth_date": birth, "address": addr}
        for c, _n, sex, eth, birth, addr in CITIZENS
        if c == code
    )


def _name(code: str) -> str:
    if code == BABY:
        return "马小宝"
    return next(name for c, name, *_ in CITIZENS + ENTERPRISES if c == code)


def _address(code: str) -> str:
    return _person_face(code)["address"]


# (type key, issuer key, holder code, face, metadata, status to apply, reason)
def _licenses() -> list[tuple]:
    rows = []
    for code, *_details, addr in CITIZENS:
        if code == ZHAOMIN:  # 居民身份证 past its end date → expired
            rows.append(
                (
                    "ID",
                    "GA",
                    code,
                    _person_face(code),
                    {"issue_date": date(2006, 1, 10), "valid_until": date(2026, 1, 9)},
                    None,
                    "",
                )
            )
        else:
            rows.append(
                (
                    "ID",
                    "XNGA" if code[:4] == "6301" else "GA",
                    code,
                    _person_face(code),
                    {"issue_date": date(2020, 5, 1)},
                    None,
                    "",
                )
            )
        rows.append(
            (
                "HUKOU",
                "XNGA" if code[:4] == "6301" else "GA",
                code,
                {
                    "household_head": _name(code),
                    "relation": "户主",
                    "address": addr,
                    "household_type": "家庭户",
                },
                {},
                None,
                "",
            )
        )
    rows += [
        (
            "DRIVER",
            "XNGA",
            ZHANGSAN,
            {"vehicle_class": "C1", "first_issue_date": "2012-07-01", "address": _address(ZHANGSAN)},
            {"issue_date": date(2024, 7, 1)},
            None,
            "",
        ),
        (
            "DRIVER",
            "XNGA",
            MAJIANGUO,
            {"vehicle_class": "B2", "first_issue_date": "2008-03-01", "address": _address(MAJIANGUO)},
            {"issue_date": date(2022, 3, 1)},
            LicenseStatus.SUSPENDED,
            "一个记分周期内累积记分满12分，暂扣驾驶证",
        ),
        (
            "DRIVER",
            "GA",
            ZHAOMIN,
            {"vehicle_class": "C1", "first_issue_date": "2010-05-01", "address": _address(ZHAOMIN)},
            {"issue_date": date(2022, 5, 1)},
            LicenseStatus.REVOKED,
            "饮酒后驾驶机动车，依法吊销机动车驾驶证",
        ),
        (
            "SSCARD",
            "RS",
            ZHANGSAN,
            {"card_number": "630102D15600000X", "bank": "中国工商银行青海省分行"},
            {"issue_date": date(2021, 3, 1)},
            None,
            "",
        ),
        (
            "SSCARD",
            "RS",
            LISI,
            {"card_number": "630103D15600001X", "bank": "中国建设银行青海省分行"},
            {"issue_date": date(2021, 3, 1)},
            None,
            "",
        ),
        (
            "SSCARD",
            "RS",
            WANGFANG,
            {"card_number": "630104D15600002X", "bank": "青海银行"},
            {"issue_date": date(2021, 3, 1)},
            None,
            "",
        ),
        (
            "SSCARD",
            "RS",
            CAIRANGCUO,
            {"card_number": "632500D15600003X", "bank": "中国农业银行青海省分行"},
            {"issue_date": date(2021, 3, 1)},
            None,
            "",
        ),
        ("MEDINS", "YB", ZHANGSAN, {"insured_region": "西宁市", "insurance_kind": "职工医保"}, {}, None, ""),
        ("MEDINS", "YB", LISI, {"insured_region": "西宁市", "insurance_kind": "职工医保"}, {}, None, ""),
        ("MEDINS", "YB", WANGFANG, {"insured_region": "西宁市", "insurance_kind": "职工医保"}, {}, None, ""),
        (
            "MEDINS",
            "YB",
            CAIRANGCUO,
            {"insured_region": "海南藏族自治州", "insurance_kind": "城乡居民医保"},
            {},
            None,
            "",
        ),
        (
            "DIPLOMA",
            "JY",
            ZHANGSAN,
            {
                "school": "青海大学",
                "major": "计算机科学与技术",
                "level": "本科",
                "graduation_date": "2012-06-30",
            },
            {"issue_date": date(2012, 6, 30)},
            None,
            "",
        ),
        (
            "DEGREE",
            "JY",
            ZHANGSAN,
            {"school": "青海大学", "degree": "工学学士", "award_date": "2012-06-30"},
            {"issue_date": date(2012, 6, 30)},
            None,
            "",
        ),
        (
            "DIPLOMA",
            "JY",
            LISI,
            {
                "school": "青海师范大学",
                "major": "汉语言文学",
                "level": "本科",
                "graduation_date": "2014-06-30",
            },
            {"issue_date": date(2014, 6, 30)},
            None,
            "",
        ),
        (
            "MARRIAGE",
            "CDMZ",
            WANGFANG,
            {"spouse_name": "马建国", "spouse_id": MAJIANGUO, "registration_date": "2015-10-08"},
            {"issue_date": date(2015, 10, 8)},
            None,
            "",
        ),
        (
            "MARRIAGE",
            "CDMZ",
            MAJIANGUO,
            {"spouse_name": "王芳", "spouse_id": WANGFANG, "registration_date": "2015-10-08"},
            {"issue_date": date(2015, 10, 8)},
            None,
            "",
        ),
        (
            "DIVORCE",
            "MZ",
            ZHAOMIN,
            {"former_spouse_name": "韩某", "registration_date": "2019-04-22"},
            {"issue_date": date(2019, 4, 22)},
            None,
            "",
        ),
        (
            "RESIDENCE",
            "XNGA",
            ZHAOMIN,
            {"address": "青海省西宁市城北区柴达木路100号"},
            {"issue_date": date(2026, 1, 5)},
            None,
            "",
        ),
        (
            "REALTY",
            "ZR",
            MAJIANGUO,
            {
                "location": "西宁市城西区五四大街8号3单元502室",
                "unit_number": "630104001001GB00001F00030502",
                "area": "98.6",
                "right_type": "国有建设用地使用权/房屋所有权",
            },
            {"issue_date": date(2017, 8, 1)},
            None,
            "",
        ),
        (
            "REALTY",
            "ZR",
            LISI,
            {
                "location": "西宁市城中区南大街30号2单元301室",
                "unit_number": "630103002001GB00002F00020301",
                "area": "76.2",
                "right_type": "国有建设用地使用权/房屋所有权",
            },
            {"issue_date": date(2020, 9, 1)},
            None,
            "",
        ),
        (
            "BIRTH",
            "WJ",
            BABY,
            {
                "birth_date": "2025-03-01",
                "sex": "男",
                "mother_name": "王芳",
                "father_name": "马建国",
                "birthplace": "青海省妇女儿童医院",
            },
            {"issue_date": date(2025, 3, 3)},
            None,
            "",
        ),
        (
            "ELDER",
            "CDMZ",
            CAIRANGCUO,
            {"birth_date": "1955-05-05", "address": _address(CAIRANGCUO)},
            {"issue_date": date(2020, 6, 1)},
            None,
            "",
        ),
    ]
    for code, _enterprise, legal_rep, entity_type, capital, established, address, scope in ENTERPRISES:
        rows.append(
            (
                "BIZ",
                "SJ",
                code,
                {
                    "legal_rep": legal_rep,
                    "entity_type": entity_type,
                    "capital": capital,
                    "established": established,
                    "address": address,
                    "scope": scope,
                },
                {"issue_date": date.fromisoformat(established)},
                None,
                "",
            )
        )
    rows += [
        (
            "FOODBIZ",
            "SJ",
            QIYE,
            {
                "operator": "青海高原乳业有限公司",
                "main_business": "食品销售经营者",
                "site": ENTERPRISES[0][6],
            },
            {"issue_date": date(2024, 2, 1)},
            None,
            "",
        ),
        (
            "SAFETY",
            "ZJ",
            BUILDER,
            {"legal_rep": "王芳", "scope": "建筑施工"},
            {"issue_date": date(2025, 3, 1)},
            None,
            "",
        ),
        (
            "DRUGBIZ",
            "YJ",
            PHARMACY,
            {"business_mode": "零售连锁", "scope": "中药饮片、中成药、化学药制剂", "site": ENTERPRISES[2][6]},
            {"issue_date": date(2023, 11, 1)},
            None,
            "",
        ),
    ]
    return rows


@cache
def _department(key: str) -> Department:
    return catalog_demo.department(key)


@cache
def _license_type(key: str):
    return catalog_demo.license_type(key)


def _ensure_keys() -> None:
    # issuing departments seal licenses; every department handling a service item seals its documents and archives
    issuing = Department.objects.filter(
        Q(issued_license_types__isnull=False) | Q(service_items__isnull=False)
    ).distinct()
    for department in issuing:
        if not SealKey.objects.filter(department=department).exists():
            key_name = next((k for k, *_ in catalog_demo.DEPARTMENTS if _department(k) == department), "")
            algorithm = KeyAlgorithm.SM2_SM3 if key_name in SM2_DEPARTMENTS else KeyAlgorithm.ECDSA_P256
            create_seal_key(
                department=department,
                algorithm=algorithm,
                valid_from=timezone.now() - timedelta(minutes=1),
                note="演示数据",
            )
    gansu = _department("GSGA")
    if not SealKey.objects.filter(department=gansu).exists():
        create_seal_key(
            department=gansu,
            algorithm=KeyAlgorithm.SM2_SM3,
            valid_from=timezone.now() - timedelta(minutes=1),
            trusted=False,
            note="演示：外省密钥，尚未交换进入本省信任列表",
        )


def _existing(type_key: str, issuer: Department, holder: str) -> ELicense | None:
    return ELicense.objects.filter(
        license_type=_license_type(type_key), issuer=issuer, holder_code=holder
    ).first()


@transaction.atomic
def load(stdout=None) -> dict[str, int]:
    _department.cache_clear()  # lookups are cached for one run only (ids differ between databases)
    _license_type.cache_clear()
    _ensure_keys()
    created = 0
    for type_key, issuer_key, holder, face, metadata, status, reason in _licenses():
        issuer = _department(issuer_key)
        lic = _existing(type_key, issuer, holder)
        if lic is None:
            version = issue_license(
                license_type=_license_type(type_key),
                issuer=issuer,
                holder_code=holder,
                holder_name=_name(holder),
                face=face,
                reason="演示数据",
                **metadata,
            )
            lic = version.license
            created += 1
        if status == LicenseStatus.SUSPENDED and lic.status == LicenseStatus.VALID:
            suspend_license(license=lic, reason=reason)
        elif status == LicenseStatus.REVOKED and lic.status in (LicenseStatus.VALID, LicenseStatus.SUSPENDED):
            revoke_license(license=lic, reason=reason)
    gansu = _department("GSGA")
    if _existing("ID", gansu, LIMING_GANSU) is None:
        # another province's license registered as received: sealed by its own (untrusted) key
        draft = prepare_draft(
            license_type=_license_type("ID"),
            issuer=gansu,
            holder_code=LIMING_GANSU,
            holder_name="李明",
            face={
                "sex": "男",
                "ethnicity": "汉族",
                "birth_date": "1991-08-08",
                "address": "甘肃省兰州市城关区庆阳路1号",
            },
            issue_date=date(2019, 8, 8),
            issuer_type_ids=set(),
        )
        issue_from_draft(draft=draft, reason="演示：甘肃省公安厅制发（外省证照）")
        created += 1
    expire_due_licenses()
    counts = {
        "licenses": ELicense.objects.count(),
        "created": created,
        "keys": SealKey.objects.count(),
        "revoked": ELicense.objects.filter(status=LicenseStatus.REVOKED).count(),
        "suspended": ELicense.objects.filter(status=LicenseStatus.SUSPENDED).count(),
        "expired": ELicense.objects.filter(status=LicenseStatus.EXPIRED).count(),
    }
    if stdout is not None:
        stdout.write(
            "电子证照：{licenses} 个（本次新增 {created}），签章密钥 {keys} 把；吊销 {revoked}、暂扣 {suspended}、过期 {expired}；".format(
                **counts
            ),
            ending="",
        )
    demo_reads.load(stdout=stdout)
    return counts
