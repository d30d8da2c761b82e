"""Demo catalog: Qinghai's regions, the departments, license types and service items the seed names.

Idempotent: every object is looked up by its natural key and updated in place. Codes are
generated so that their check characters are right (python-stdnum computes them).
"""

from datetime import date

from django.db import transaction
from django.utils import timezone
from stdnum.cn import uscc

from catalogs.models import (
    CalendarYear,
    Department,
    FaceField,
    LicenseType,
    MaterialRequirement,
    Question,
    Region,
    ServiceItem,
    ServiceItemStatus,
)
from catalogs.services import default_calendar_years, publish_service_item, seed_calendar

DEMO_EFFECTIVE_FROM = date(2026, 1, 1)

REGIONS = [
    ("630000", "青海省", None),
    ("630100", "西宁市", "630000"),
    ("630102", "城东区", "630100"),
    ("630103", "城中区", "630100"),
    ("630104", "城西区", "630100"),
    ("630105", "城北区", "630100"),
    ("630200", "海东市", "630000"),
    ("632200", "海北藏族自治州", "630000"),
    ("632300", "黄南藏族自治州", "630000"),
    ("632500", "海南藏族自治州", "630000"),
    ("632600", "果洛藏族自治州", "630000"),
    ("632700", "玉树藏族自治州", "630000"),
    ("632800", "海西蒙古族藏族自治州", "630000"),
    # another province, for the interoperability demo
    ("620000", "甘肃省", None),
]


def make_uscc(prefix: str, serial: int) -> str:
    """A USCC with a correct check character: 2-char kind + 6-digit region + 9-char org code + check."""
    body = f"{prefix}{serial:09d}"
    return body + uscc.calc_check_digit(body)


# key, name, region, level, serial of the org code
DEPARTMENTS = [
    ("GA", "青海省公安厅", "630000", "province", 13926001),
    ("MZ", "青海省民政厅", "630000", "province", 13926002),
    ("RS", "青海省人力资源和社会保障厅", "630000", "province", 13926003),
    ("SJ", "青海省市场监督管理局", "630000", "province", 13926004),
    ("ZR", "青海省自然资源厅", "630000", "province", 13926005),
    ("WJ", "青海省卫生健康委员会", "630000", "province", 13926006),
    ("JY", "青海省教育厅", "630000", "province", 13926007),
    ("ZJ", "青海省住房和城乡建设厅", "630000", "province", 13926008),
    ("JT", "青海省交通运输厅", "630000", "province", 13926009),
    ("SL", "青海省水利厅", "630000", "province", 13926010),
    ("YB", "青海省医疗保障局", "630000", "province", 13926011),
    ("ZW", "青海省政务服务监督管理局", "630000", "province", 13926012),
    ("YJ", "青海省药品监督管理局", "630000", "province", 13926013),
    ("YC", "青海省烟草专卖局", "630000", "province", 13926014),
    ("SW", "国家税务总局青海省税务局", "630000", "province", 13926015),
    ("CL", "青海省残疾人联合会", "630000", "province", 13926016),
    ("GJJ", "青海省住房公积金管理中心", "630000", "province", 13926017),
    ("XNGA", "西宁市公安局", "630100", "city", 13926101),
    ("CDMZ", "西宁市城东区民政局", "630102", "county", 13926201),
    ("GSGA", "甘肃省公安厅", "620000", "province", 13927001),
]

PERSON_BASE = [("name", "姓名", "text", 2), ("citizen_id", "公民身份号码", "citizen_id", 3)]
ENTERPRISE_BASE = [("name", "单位名称", "text", 1), ("uscc", "统一社会信用代码", "uscc", 1)]

# key, name, definer key, holder kind, validity years (None = long-term), issuers, extra face fields
LICENSE_TYPES = [
    (
        "ID",
        "居民身份证",
        "GA",
        "person",
        20,
        ["GA", "XNGA"],
        [
            ("sex", "性别", "choice:男|女", 2),
            ("ethnicity", "民族", "text", 3),
            ("birth_date", "出生日期", "date", 3),
            ("address", "住址", "text", 3),
        ],
    ),
    (
        "HUKOU",
        "户口簿",
        "GA",
        "person",
        None,
        ["GA", "XNGA"],
        [
            ("household_head", "户主姓名", "text", 3),
            ("relation", "与户主关系", "text", 3),
            ("address", "住址", "text", 3),
            ("household_type", "户别", "choice:家庭户|集体户", 2),
        ],
    ),
    (
        "BIRTH",
        "出生医学证明",
        "WJ",
        "person",
        None,
        ["WJ"],
        [
            ("birth_date", "出生日期", "date", 3),
            ("sex", "性别", "choice:男|女", 2),
            ("mother_name", "母亲姓名", "text", 3),
            ("father_name", "父亲姓名", "text", 3),
            ("birthplace", "出生地点", "text", 3),
        ],
    ),
    (
        "MARRIAGE",
        "结婚证",
        "MZ",
        "person",
        None,
        ["MZ", "CDMZ"],
        [
            ("spouse_name", "配偶姓名", "text", 3),
            ("spouse_id", "配偶身份证号", "citizen_id", 3),
            ("registration_date", "登记日期", "date", 2),
        ],
    ),
    (
        "DIVORCE",
        "离婚证",
        "MZ",
        "person",
        None,
        ["MZ", "CDMZ"],
        [("former_spouse_name", "原配偶姓名", "text", 3), ("registration_date", "登记日期", "date", 2)],
    ),
    (
        "DRIVER",
        "机动车驾驶证",
        "GA",
        "person",
        6,
        ["GA", "XNGA"],
        [
            ("vehicle_class", "准驾车型", "choice:A1|A2|B1|B2|C1|C2", 2),
            ("first_issue_date", "初次领证日期", "date", 2),
            ("address", "住址", "text", 3),
        ],
    ),
    (
        "DIPLOMA",
        "学历证书",
        "JY",
        "person",
        None,
        ["JY"],
        [
            ("school", "学校", "text", 1),
            ("major", "专业", "text", 1),
            ("level", "层次", "choice:专科|本科|硕士研究生|博士研究生", 1),
            ("graduation_date", "毕业日期", "date", 2),
        ],
    ),
    (
        "DEGREE",
        "学位证书",
        "JY",
        "person",
        None,
        ["JY"],
        [
            ("school", "授予单位", "text", 1),
            ("degree", "学位", "text", 1),
            ("award_date", "授予日期", "date", 2),
        ],
    ),
    (
        "SSCARD",
        "社会保障卡",
        "RS",
        "person",
        10,
        ["RS"],
        [("card_number", "社会保障卡卡号", "text", 3), ("bank", "发卡银行", "text", 2)],
    ),
    (
        "REALTY",
        "不动产权证书",
        "ZR",
        "person",
        None,
        ["ZR"],
        [
            ("location", "坐落", "text", 3),
            ("unit_number", "不动产单元号", "text", 2),
            ("area", "面积（平方米）", "decimal", 2),
            ("right_type", "权利类型", "text", 2),
        ],
    ),
    (
        "REALTYPROOF",
        "不动产登记证明",
        "ZR",
        "person",
        None,
        ["ZR"],
        [
            ("location", "坐落", "text", 3),
            ("proof_matter", "证明权利或事项", "text", 2),
            ("obligor", "义务人", "text", 3),
        ],
    ),
    (
        "ELDER",
        "老年人证",
        "MZ",
        "person",
        None,
        ["MZ", "CDMZ"],
        [("birth_date", "出生日期", "date", 3), ("address", "住址", "text", 3)],
    ),
    (
        "RETIRE",
        "退休证",
        "RS",
        "person",
        None,
        ["RS"],
        [("employer", "原工作单位", "text", 2), ("retire_date", "退休日期", "date", 2)],
    ),
    (
        "DISABLED",
        "残疾人证",
        "CL",
        "person",
        10,
        ["CL"],
        [
            ("disability_kind", "残疾类别", "choice:视力|听力|言语|肢体|智力|精神|多重", 4),
            ("disability_grade", "残疾等级", "choice:一级|二级|三级|四级", 4),
        ],
    ),
    (
        "EMPLOY",
        "就业创业证",
        "RS",
        "person",
        None,
        ["RS"],
        [
            ("employment_status", "就业状态", "choice:就业|失业|创业", 3),
            ("register_date", "登记日期", "date", 2),
        ],
    ),
    (
        "MEDINS",
        "医疗保障电子凭证",
        "YB",
        "person",
        None,
        ["YB"],
        [
            ("insured_region", "参保地", "text", 2),
            ("insurance_kind", "险种", "choice:职工医保|城乡居民医保", 2),
        ],
    ),
    ("RESIDENCE", "居住证", "GA", "person", 1, ["GA", "XNGA"], [("address", "居住地址", "text", 3)]),
    (
        "QUALIFY",
        "职业资格证书",
        "RS",
        "person",
        None,
        ["RS"],
        [("occupation", "职业（工种）", "text", 1), ("grade", "等级", "text", 1)],
    ),
    (
        "BIZ",
        "营业执照",
        "SJ",
        "enterprise",
        None,
        ["SJ"],
        [
            ("legal_rep", "法定代表人", "text", 1),
            ("entity_type", "类型", "text", 1),
            ("capital", "注册资本（万元）", "decimal", 1),
            ("established", "成立日期", "date", 1),
            ("address", "住所", "text", 1),
            ("scope", "经营范围", "text", 1),
        ],
    ),
    (
        "FOODPROD",
        "食品生产许可证",
        "SJ",
        "enterprise",
        5,
        ["SJ"],
        [
            ("producer", "生产者名称", "text", 1),
            ("food_category", "食品类别", "text", 1),
            ("site", "生产地址", "text", 1),
        ],
    ),
    (
        "FOODBIZ",
        "食品经营许可证",
        "SJ",
        "enterprise",
        5,
        ["SJ"],
        [
            ("operator", "经营者名称", "text", 1),
            ("main_business", "主体业态", "text", 1),
            ("site", "经营场所", "text", 1),
        ],
    ),
    (
        "DRUGBIZ",
        "药品经营许可证",
        "YJ",
        "enterprise",
        5,
        ["YJ"],
        [
            ("business_mode", "经营方式", "choice:批发|零售|零售连锁", 1),
            ("scope", "经营范围", "text", 1),
            ("site", "注册地址", "text", 1),
        ],
    ),
    (
        "TOBACCO",
        "烟草专卖零售许可证",
        "YC",
        "enterprise",
        5,
        ["YC"],
        [
            ("operator", "经营者", "text", 1),
            ("site", "经营场所", "text", 1),
            ("supply_unit", "供货单位", "text", 1),
        ],
    ),
    (
        "WATER",
        "取水许可证",
        "SL",
        "enterprise",
        5,
        ["SL"],
        [
            ("water_source", "水源类型", "choice:地表水|地下水", 1),
            ("annual_volume", "年取水量（万立方米）", "decimal", 1),
            ("site", "取水地点", "text", 1),
        ],
    ),
    (
        "BUILD",
        "建筑工程施工许可证",
        "ZJ",
        "enterprise",
        None,
        ["ZJ"],
        [
            ("project_name", "工程名称", "text", 1),
            ("site", "建设地址", "text", 1),
            ("contract_price", "合同价格（万元）", "decimal", 2),
        ],
    ),
    (
        "SAFETY",
        "建筑施工企业安全生产许可证",
        "ZJ",
        "enterprise",
        3,
        ["ZJ"],
        [("legal_rep", "主要负责人", "text", 1), ("scope", "许可范围", "text", 1)],
    ),
    (
        "TRANSPORT",
        "道路运输证",
        "JT",
        "enterprise",
        6,
        ["JT"],
        [
            ("plate_number", "车辆号牌", "text", 1),
            ("vehicle_type", "车辆类型", "text", 1),
            ("business_scope", "经营范围", "text", 1),
        ],
    ),
    (
        "TESTING",
        "检验检测机构资质认定证书",
        "SJ",
        "enterprise",
        6,
        ["SJ"],
        [("scope", "检验检测能力范围", "text", 1), ("site", "检验检测地址", "text", 1)],
    ),
]

# key, name, department key, kind, applicant kind, promised days, fee, issues license key,
# questions [(key, label, type[:choices], required)], materials [(license key or "材料名", mode, required, note)]
SERVICE_ITEMS = [
    (
        "630000-MZ-0001",
        "内地居民婚姻登记",
        "CDMZ",
        "confirmation",
        "person",
        0,
        "9.00",
        "MARRIAGE",
        [
            ("previously_divorced", "本人是否曾经离婚", "bool", True),
            ("partner_id", "对方公民身份号码", "text", True),
        ],
        [
            ("ID", "auto", True, "双方居民身份证"),
            ("HUKOU", "auto", True, "双方户口簿"),
            ("DIVORCE", "exempt", False, "曾经离婚的须提供离婚证"),
            ("本人近期半身免冠合影照片", "upload", True, "2张2寸双人合影"),
        ],
    ),
    (
        "630000-WJ-0001",
        "生育登记",
        "WJ",
        "public_service",
        "person",
        1,
        "0",
        None,
        [("child_order", "本次登记为第几个子女", "int", True)],
        [
            ("ID", "auto", True, "夫妻双方居民身份证"),
            ("MARRIAGE", "auto", True, ""),
            ("HUKOU", "auto", True, ""),
        ],
    ),
    (
        "630000-GA-0001",
        "新生儿入户",
        "XNGA",
        "confirmation",
        "person",
        1,
        "0",
        None,
        [("settle_with", "随父或随母落户", "choice:随父|随母", True)],
        [
            ("BIRTH", "auto", True, ""),
            ("HUKOU", "auto", True, "父或母一方户口簿"),
            ("MARRIAGE", "auto", False, ""),
        ],
    ),
    (
        "630000-GA-0002",
        "户籍迁移",
        "XNGA",
        "licensing",
        "person",
        5,
        "0",
        None,
        [("move_reason", "迁移原因", "choice:投靠亲属|工作调动|购房落户|升学", True)],
        [
            ("ID", "auto", True, ""),
            ("HUKOU", "auto", True, ""),
            ("REALTY", "exempt", False, "购房落户须提供不动产权证书"),
            ("准迁证明", "paper", False, "省外迁入时提供"),
        ],
    ),
    (
        "630000-GA-0003",
        "机动车驾驶证换发",
        "XNGA",
        "licensing",
        "person",
        1,
        "10.00",
        "DRIVER",
        [("renew_reason", "换证原因", "choice:有效期满|损毁|信息变更", True)],
        [
            ("ID", "auto", True, ""),
            ("DRIVER", "auto", True, ""),
            ("身体条件证明", "upload", True, "县级或部队团级以上医疗机构出具"),
        ],
    ),
    (
        "630000-RS-0001",
        "社会保障卡申领",
        "RS",
        "public_service",
        "person",
        5,
        "0",
        "SSCARD",
        [("first_application", "是否首次申领", "bool", True)],
        [("ID", "auto", True, ""), ("本人近期免冠照片", "upload", True, "")],
    ),
    (
        "630000-RS-0002",
        "养老保险关系转移接续",
        "RS",
        "public_service",
        "person",
        15,
        "0",
        None,
        [("years_contributed", "累计缴费年限", "int", True)],
        [("ID", "auto", True, ""), ("SSCARD", "auto", True, ""), ("参保缴费凭证", "upload", True, "")],
    ),
    (
        "630000-YB-0001",
        "异地就医备案",
        "YB",
        "public_service",
        "person",
        0,
        "0",
        None,
        [
            ("target_region", "就医地", "text", True),
            ("reason", "备案类型", "choice:异地长期居住|常驻异地工作|异地转诊|临时外出就医", True),
        ],
        [
            ("ID", "auto", True, ""),
            ("MEDINS", "auto", True, ""),
            ("RESIDENCE", "exempt", False, "异地长期居住的须提供居住证"),
        ],
    ),
    (
        "630000-GJJ-0001",
        "住房公积金异地转移接续",
        "GJJ",
        "public_service",
        "person",
        3,
        "0",
        None,
        [("transfer_amount", "转移金额（元）", "decimal", True)],
        [("ID", "auto", True, ""), ("SSCARD", "auto", False, "")],
    ),
    (
        "630000-ZR-0001",
        "不动产登记",
        "ZR",
        "licensing",
        "person",
        5,
        "80.00",
        "REALTY",
        [("registration_kind", "登记类型", "choice:首次登记|转移登记|变更登记", True)],
        [
            ("ID", "auto", True, ""),
            ("REALTY", "auto", False, "转移、变更登记提供原证"),
            ("MARRIAGE", "auto", False, "夫妻共有时提供"),
            ("不动产买卖合同", "upload", True, ""),
        ],
    ),
    (
        "630000-ZR-0002",
        "不动产抵押登记",
        "ZR",
        "licensing",
        "person",
        3,
        "80.00",
        "REALTYPROOF",
        [("loan_amount", "担保债权数额（元）", "decimal", True)],
        [("ID", "auto", True, ""), ("REALTY", "auto", True, ""), ("抵押合同", "upload", True, "")],
    ),
    (
        "630000-JY-0001",
        "学历学位认证",
        "JY",
        "public_service",
        "person",
        10,
        "0",
        None,
        [("certify", "认证内容", "choice:学历|学位|学历和学位", True)],
        [("ID", "auto", True, ""), ("DIPLOMA", "auto", True, ""), ("DEGREE", "auto", False, "")],
    ),
    (
        "630000-MZ-0002",
        "老年人证申领",
        "CDMZ",
        "public_service",
        "person",
        3,
        "0",
        "ELDER",
        [("retired", "是否已退休", "bool", True)],
        [("ID", "auto", True, ""), ("HUKOU", "auto", True, ""), ("本人近期免冠照片", "upload", True, "")],
    ),
    (
        "630000-RS-0003",
        "就业创业证申领",
        "RS",
        "public_service",
        "person",
        3,
        "0",
        "EMPLOY",
        [("employment_status", "当前就业状态", "choice:就业|失业|创业", True)],
        [("ID", "auto", True, ""), ("DIPLOMA", "auto", False, "高校毕业生提供")],
    ),
    (
        "630000-SJ-0001",
        "企业设立登记",
        "SJ",
        "licensing",
        "enterprise",
        1,
        "0",
        "BIZ",
        [
            ("registered_capital", "注册资本（万元）", "decimal", True),
            ("entity_type", "企业类型", "choice:有限责任公司|股份有限公司|个人独资企业|合伙企业", True),
        ],
        [
            ("ID", "auto", True, "法定代表人居民身份证"),
            ("公司章程", "upload", True, ""),
            ("住所使用证明", "upload", True, ""),
        ],
    ),
    (
        "630000-SJ-0002",
        "食品经营许可",
        "SJ",
        "licensing",
        "enterprise",
        10,
        "0",
        "FOODBIZ",
        [("site_area", "经营场所面积（平方米）", "decimal", True)],
        [
            ("BIZ", "auto", True, ""),
            ("ID", "auto", True, "法定代表人居民身份证"),
            ("食品安全管理制度", "upload", True, ""),
        ],
    ),
    (
        "630000-SW-0001",
        "企业纳税缴费登记",
        "SW",
        "confirmation",
        "enterprise",
        0,
        "0",
        None,
        [("taxpayer_kind", "纳税人类型", "choice:一般纳税人|小规模纳税人", True)],
        [("BIZ", "auto", True, ""), ("ID", "auto", True, "法定代表人居民身份证")],
    ),
    (
        "630000-RS-0004",
        "企业职工基本养老保险参保登记",
        "RS",
        "public_service",
        "enterprise",
        1,
        "0",
        None,
        [("employee_count", "参保职工人数", "int", True)],
        [("BIZ", "auto", True, ""), ("职工花名册", "upload", True, "")],
    ),
    (
        "630000-YC-0001",
        "烟草专卖零售许可证核发",
        "YC",
        "licensing",
        "enterprise",
        20,
        "0",
        "TOBACCO",
        [("site_owned", "经营场所是否自有", "bool", True)],
        [
            ("BIZ", "auto", True, ""),
            ("ID", "auto", True, "经营者居民身份证"),
            ("经营场所使用证明", "upload", True, ""),
        ],
    ),
    (
        "630000-ZJ-0001",
        "建筑工程施工许可证核发",
        "ZJ",
        "licensing",
        "enterprise",
        7,
        "0",
        "BUILD",
        [("contract_price", "合同价格（万元）", "decimal", True)],
        [
            ("BIZ", "auto", True, ""),
            ("SAFETY", "auto", True, "施工企业安全生产许可证"),
            ("建设工程规划许可证", "paper", True, ""),
        ],
    ),
]


# 法定时限 in working days, by service code; an item not listed has no statutory limit (many public services).
# Where the law says 当场 (on the spot) the limit is 1 working day; promised limits stay within these.
STATUTORY_DAYS = {
    "630000-MZ-0001": 1,  # 《婚姻登记条例》：符合条件的当场予以登记
    "630000-GA-0001": 20,
    "630000-GA-0002": 20,  # 《行政许可法》第四十二条：二十日内作出决定
    "630000-GA-0003": 1,  # 驾驶证换证：符合规定的当日换发
    "630000-RS-0002": 45,  # 转出、转入各 15 个工作日内办结
    "630000-GJJ-0001": 15,
    "630000-ZR-0001": 30,  # 《不动产登记暂行条例》第二十条：三十个工作日内办结
    "630000-ZR-0002": 30,
    "630000-JY-0001": 20,
    "630000-SJ-0001": 15,  # 企业登记：十五个工作日内作出是否准予登记的决定
    "630000-SJ-0002": 20,  # 《食品经营许可和备案管理办法》：二十个工作日内作出决定
    "630000-YC-0001": 20,  # 烟草专卖零售许可：二十个工作日内作出决定
    "630000-ZJ-0001": 7,  # 《建筑工程施工许可管理办法》：七日内颁发（此处按 7 个工作日计）
}


def license_type_code(definer_uscc: str, sequence: int) -> str:
    return f"{definer_uscc}{sequence:03d}"


@transaction.atomic
def load(stdout=None) -> dict[str, int]:
    regions = {}
    for code, name, parent in REGIONS:
        regions[code], _ = Region.objects.update_or_create(
            code=code, defaults={"name": name, "parent": regions.get(parent)}
        )

    departments = {}
    for key, name, region, level, serial in DEPARTMENTS:
        code = make_uscc("11" + region, serial)
        departments[key], _ = Department.objects.update_or_create(
            uscc=code, defaults={"name": name, "region": regions[region], "level": level}
        )

    license_types = {}
    sequences: dict[str, int] = {}
    for key, name, definer, holder_kind, years, issuers, extra in LICENSE_TYPES:
        sequences[definer] = sequences.get(definer, 0) + 1
        code = license_type_code(departments[definer].uscc, sequences[definer])
        license_type, _ = LicenseType.objects.update_or_create(
            code=code, defaults={"name": name, "holder_kind": holder_kind, "default_validity_years": years}
        )
        license_type.issuing_departments.set([departments[d] for d in issuers])
        base = PERSON_BASE if holder_kind == "person" else ENTERPRISE_BASE
        for position, (field_key, label, field_type, sensitivity) in enumerate(base + extra):
            kind, _, choices = field_type.partition(":")
            FaceField.objects.update_or_create(
                license_type=license_type,
                key=field_key,
                defaults={
                    "label": label,
                    "field_type": kind,
                    "choices": choices.split("|") if choices else [],
                    "sensitivity": sensitivity,
                    "position": position,
                    "required": True,
                },
            )
        license_types[key] = license_type

    for code, name, dept, kind, applicant_kind, days, fee, issues, questions, materials in SERVICE_ITEMS:
        if ServiceItem.objects.filter(code=code, status=ServiceItemStatus.PUBLISHED).exists():
            continue  # published versions are frozen; the demo never rewrites them
        item, _ = ServiceItem.objects.update_or_create(
            code=code,
            status=ServiceItemStatus.DRAFT,
            defaults={
                "name": name,
                "department": departments[dept],
                "kind": kind,
                "applicant_kind": applicant_kind,
                "promised_days": days,
                "statutory_days": STATUTORY_DAYS.get(code),
                "fee": fee,
                "issues_license_type": license_types.get(issues),
                "legal_basis": "《青海省加快推进电子证照扩大应用领域和全国互通互认工作方案》（青政办〔2022〕）",
            },
        )
        item.questions.all().delete()
        item.materials.all().delete()
        for position, (q_key, label, q_type, required) in enumerate(questions):
            answer_type, _, choices = q_type.partition(":")
            Question.objects.create(
                service_item=item,
                key=q_key,
                label=label,
                answer_type=answer_type,
                choices=choices.split("|") if choices else [],
                required=required,
                position=position,
            )
        for position, (material, mode, required, note) in enumerate(materials):
            MaterialRequirement.objects.create(
                service_item=item,
                license_type=license_types.get(material),
                material_name="" if material in license_types else material,
                default_mode=mode,
                required=required,
                note=note,
                position=position,
            )
        publish_service_item(item=item, effective_from=DEMO_EFFECTIVE_FROM)

    calendar = seed_calendar(years=default_calendar_years(today=timezone.localdate()))

    counts = {
        "regions": Region.objects.count(),
        "departments": Department.objects.count(),
        "license_types": LicenseType.objects.count(),
        "service_items": ServiceItem.objects.published().count(),
        "calendar_years": CalendarYear.objects.count(),
    }
    if stdout is not None:
        stdout.write(
            "目录：{regions} 个行政区划，{departments} 个部门，{license_types} 种证照，{service_items} 个已发布事项".format(
                **counts
            )
        )
        for line in calendar.lines():
            stdout.write(f"工作日历：{line}")
    return counts


def department(key: str) -> Department:
    """The demo department with this key (GA, MZ …), for other apps' demo data."""
    for dept_key, _name, region, _level, serial in DEPARTMENTS:
        if dept_key == key:
            return Department.objects.get(uscc=make_uscc("11" + region, serial))
    raise KeyError(key)


def license_type(key: str) -> LicenseType:
    """The demo license type with this key (ID, HUKOU, MARRIAGE …), for other apps' demo data."""
    sequences: dict[str, int] = {}
    for type_key, _name, definer, *_rest in LICENSE_TYPES:
        sequences[definer] = sequences.get(definer, 0) + 1
        if type_key == key:
            return LicenseType.objects.get(
                code=license_type_code(department(definer).uscc, sequences[definer])
            )
    raise KeyError(key)
