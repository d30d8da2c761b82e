"""Demo rulesets, with rule tests, for every demo service item (loaded after the catalog).

Idempotent: a code that already has a published ruleset is left alone; a draft is rewritten.
Rows reference license types by their demo key (``license:ID``), turned into type codes here.
"""

from django.db import transaction

from catalogs import demo as catalog_demo
from rules import services
from rules.models import RuleCondition, RuleRow, RuleSet, RuleSetStatus, RuleTest

NOT_VALID = "暂扣、吊销、注销、过期、未持有"

# code: (title, default route, rows, tests)
# row: (priority, [(fact, operator, value)], outcome) with outcome ("req", LICENSE, mode, reason) |
#      ("route", route, reason) | ("fee", reason)
# test: (name, applicant dict, answers, licenses, expected modes, expected route, expected fee exemption)
ADULT = {"age": 35, "sex": "female", "region": "630102"}
COMPANY = {"kind": "enterprise", "region": "630100"}

RULESETS = {
    "630000-MZ-0001": (
        "婚姻登记用证规则",
        "instant",
        [
            (
                10,
                [("answer.previously_divorced", "eq", "是")],
                ("req", "DIVORCE", "auto", "曾经离婚的须提供离婚证，系统自动调取电子离婚证"),
            ),
            (
                20,
                [("answer.previously_divorced", "eq", "是"), ("license:DIVORCE", "in", NOT_VALID)],
                ("req", "DIVORCE", "upload", "未查询到有效的电子离婚证，请上传离婚证或法院生效的离婚判决书"),
            ),
            (
                20,
                [("answer.previously_divorced", "eq", "是"), ("license:DIVORCE", "in", NOT_VALID)],
                ("route", "review", "离婚证明材料需人工核验"),
            ),
            (
                10,
                [("license:ID", "in", NOT_VALID)],
                ("req", "ID", "upload", "您的居民身份证已过期或无效，请上传有效身份证件"),
            ),
            (10, [("license:ID", "in", NOT_VALID)], ("route", "review", "身份证件无效，需窗口人工核验")),
            (
                10,
                [("license:HUKOU", "eq", "未持有")],
                ("req", "HUKOU", "paper", "未查询到电子户口簿，请携带户口簿原件办理"),
            ),
            (
                0,
                [("applicant.sex", "eq", "男"), ("applicant.age", "lt", "22")],
                ("route", "review", "男方未满22周岁，需人工核实法定婚龄"),
            ),
            (
                0,
                [("applicant.sex", "eq", "女"), ("applicant.age", "lt", "20")],
                ("route", "review", "女方未满20周岁，需人工核实法定婚龄"),
            ),
            (
                0,
                [("applicant.age", "gte", "60"), ("license:RETIRE", "eq", "有效")],
                ("fee", "60周岁以上的退休人员免收婚姻登记证书工本费"),
            ),
        ],
        [
            (
                "初婚且证照齐全",
                ADULT,
                "previously_divorced=否\npartner_id=630102199001011234",
                "居民身份证=有效\n户口簿=有效",
                "居民身份证=免提交\n户口簿=免提交\n离婚证=免于提交",
                "instant",
                False,
            ),
            (
                "曾经离婚且有电子离婚证",
                ADULT,
                "previously_divorced=是\npartner_id=630102199001011234",
                "居民身份证=有效\n户口簿=有效\n离婚证=有效",
                "离婚证=免提交",
                "instant",
                None,
            ),
            (
                "曾经离婚但无电子离婚证",
                ADULT,
                "previously_divorced=是\npartner_id=630102199001011234",
                "居民身份证=有效\n户口簿=有效",
                "离婚证=上传",
                "review",
                None,
            ),
            (
                "身份证过期转上传并人工审核",
                ADULT,
                "previously_divorced=否\npartner_id=630102199001011234",
                "居民身份证=过期\n户口簿=有效",
                "居民身份证=上传\n户口簿=免提交",
                "review",
                None,
            ),
            (
                "60周岁以上退休人员免收工本费",
                {"age": 62, "sex": "male", "region": "630103"},
                "previously_divorced=否\npartner_id=630102196001011234",
                "居民身份证=有效\n户口簿=有效\n退休证=有效",
                "居民身份证=免提交",
                "instant",
                True,
            ),
            (
                "未满法定婚龄的男方人工审核",
                {"age": 21, "sex": "male", "region": "630103"},
                "previously_divorced=否\npartner_id=630102200501011234",
                "居民身份证=有效\n户口簿=有效",
                "",
                "review",
                False,
            ),
        ],
    ),
    "630000-WJ-0001": (
        "生育登记用证规则",
        "instant",
        [
            (
                10,
                [("answer.child_order", "gte", "3")],
                ("route", "review", "第三个及以上子女的生育登记需人工审核"),
            ),
            (
                10,
                [("license:MARRIAGE", "in", NOT_VALID)],
                ("req", "MARRIAGE", "upload", "未查询到有效的电子结婚证，请上传结婚证"),
            ),
            (5, [("license:MARRIAGE", "in", NOT_VALID)], ("route", "review", "婚姻状况需人工核验")),
        ],
        [
            (
                "第一个子女即办",
                ADULT,
                "child_order=1",
                "居民身份证=有效\n结婚证=有效\n户口簿=有效",
                "结婚证=免提交",
                "instant",
                None,
            ),
            (
                "第三个子女人工审核",
                ADULT,
                "child_order=3",
                "居民身份证=有效\n结婚证=有效\n户口簿=有效",
                "结婚证=免提交",
                "review",
                None,
            ),
            (
                "无电子结婚证转上传",
                ADULT,
                "child_order=1",
                "居民身份证=有效\n户口簿=有效",
                "结婚证=上传",
                "review",
                None,
            ),
        ],
    ),
    "630000-GA-0001": (
        "新生儿入户用证规则",
        "review",
        [
            (
                10,
                [("answer.settle_with", "eq", "随父")],
                ("req", "MARRIAGE", "auto", "随父落户须提供父母结婚证，系统自动调取"),
            ),
            (
                20,
                [("answer.settle_with", "eq", "随父"), ("license:MARRIAGE", "in", NOT_VALID)],
                ("req", "MARRIAGE", "upload", "未查询到电子结婚证，请上传结婚证"),
            ),
            (
                10,
                [("license:BIRTH", "in", NOT_VALID)],
                ("req", "BIRTH", "paper", "未查询到电子出生医学证明，请携带原件到窗口办理"),
            ),
            (
                10,
                [("license:BIRTH", "eq", "有效"), ("license:HUKOU", "eq", "有效")],
                ("route", "instant", "出生医学证明与户口簿均已核验，即时办结"),
            ),
        ],
        [
            (
                "证照齐全随母落户即办",
                ADULT,
                "settle_with=随母",
                "出生医学证明=有效\n户口簿=有效",
                "出生医学证明=免提交\n结婚证=免提交",
                "instant",
                None,
            ),
            (
                "随父落户无电子结婚证",
                ADULT,
                "settle_with=随父",
                "出生医学证明=有效\n户口簿=有效",
                "结婚证=上传",
                "instant",
                None,
            ),
            (
                "无电子出生证明交纸质",
                ADULT,
                "settle_with=随母",
                "户口簿=有效",
                "出生医学证明=纸质",
                "review",
                None,
            ),
        ],
    ),
    "630000-GA-0002": (
        "户籍迁移用证规则",
        "review",
        [
            (
                10,
                [("answer.move_reason", "eq", "购房落户")],
                ("req", "REALTY", "auto", "购房落户须提供不动产权证书，系统自动调取"),
            ),
            (
                20,
                [("answer.move_reason", "eq", "购房落户"), ("license:REALTY", "in", NOT_VALID)],
                ("req", "REALTY", "upload", "未查询到电子不动产权证书，请上传"),
            ),
        ],
        [
            (
                "购房落户自动调取不动产权证书",
                ADULT,
                "move_reason=购房落户",
                "居民身份证=有效\n户口簿=有效\n不动产权证书=有效",
                "不动产权证书=免提交",
                "review",
                None,
            ),
            (
                "投靠亲属无需不动产权证书",
                ADULT,
                "move_reason=投靠亲属",
                "居民身份证=有效\n户口簿=有效",
                "不动产权证书=免于提交",
                "review",
                None,
            ),
        ],
    ),
    "630000-GA-0003": (
        "机动车驾驶证换发用证规则",
        "instant",
        [
            (10, [("applicant.age", "gte", "70")], ("route", "review", "70周岁以上换证需审核身体条件证明")),
            (
                10,
                [("license:DRIVER", "in", "吊销、注销、暂扣")],
                ("route", "review", "驾驶证状态异常，需人工审核"),
            ),
            (
                10,
                [("license:ID", "in", NOT_VALID)],
                ("req", "ID", "upload", "居民身份证无效，请上传有效身份证件"),
            ),
        ],
        [
            (
                "有效期满即办",
                ADULT,
                "renew_reason=有效期满",
                "居民身份证=有效\n机动车驾驶证=有效",
                "机动车驾驶证=免提交",
                "instant",
                None,
            ),
            (
                "70周岁以上人工审核",
                {"age": 71, "sex": "male", "region": "630104"},
                "renew_reason=有效期满",
                "居民身份证=有效\n机动车驾驶证=有效",
                "",
                "review",
                None,
            ),
            (
                "驾驶证暂扣人工审核",
                ADULT,
                "renew_reason=损毁",
                "居民身份证=有效\n机动车驾驶证=暂扣",
                "",
                "review",
                None,
            ),
        ],
    ),
    "630000-RS-0001": (
        "社会保障卡申领用证规则",
        "instant",
        [
            (10, [("answer.first_application", "eq", "否")], ("route", "review", "补换卡需核验原卡挂失情况")),
            (
                10,
                [("license:ID", "in", NOT_VALID)],
                ("req", "ID", "upload", "居民身份证无效，请上传有效身份证件"),
            ),
        ],
        [
            (
                "首次申领即办",
                ADULT,
                "first_application=是",
                "居民身份证=有效",
                "居民身份证=免提交",
                "instant",
                None,
            ),
            (
                "补领人工审核",
                ADULT,
                "first_application=否",
                "居民身份证=有效",
                "居民身份证=免提交",
                "review",
                None,
            ),
        ],
    ),
    "630000-RS-0002": (
        "养老保险关系转移接续用证规则",
        "instant",
        [
            (
                10,
                [("answer.years_contributed", "lt", "15")],
                ("route", "review", "累计缴费不足15年，需人工核定待遇"),
            ),
            (
                10,
                [("license:SSCARD", "in", NOT_VALID)],
                ("req", "SSCARD", "upload", "未查询到有效的社会保障卡，请上传社会保障卡或参保凭证"),
            ),
        ],
        [
            (
                "缴费满15年即办",
                ADULT,
                "years_contributed=16",
                "居民身份证=有效\n社会保障卡=有效",
                "社会保障卡=免提交",
                "instant",
                None,
            ),
            (
                "缴费不足15年人工审核",
                ADULT,
                "years_contributed=8",
                "居民身份证=有效\n社会保障卡=有效",
                "",
                "review",
                None,
            ),
        ],
    ),
    "630000-YB-0001": (
        "异地就医备案用证规则",
        "instant",
        [
            (
                10,
                [("answer.reason", "eq", "异地长期居住")],
                ("req", "RESIDENCE", "auto", "异地长期居住的须提供居住证，系统自动调取"),
            ),
            (
                20,
                [("answer.reason", "eq", "异地长期居住"), ("license:RESIDENCE", "in", NOT_VALID)],
                ("req", "RESIDENCE", "upload", "未查询到有效居住证，请上传居住证明"),
            ),
            (10, [("applicant.region", "not_in", "630000")], ("route", "review", "省外参保人员需人工审核")),
        ],
        [
            (
                "异地长期居住自动调取居住证",
                ADULT,
                "target_region=北京市\nreason=异地长期居住",
                "居民身份证=有效\n医疗保障电子凭证=有效\n居住证=有效",
                "居住证=免提交",
                "instant",
                None,
            ),
            (
                "临时外出就医无需居住证",
                ADULT,
                "target_region=成都市\nreason=临时外出就医",
                "居民身份证=有效\n医疗保障电子凭证=有效",
                "居住证=免于提交",
                "instant",
                None,
            ),
            (
                "省外人员人工审核",
                {"age": 40, "sex": "male", "region": "620102"},
                "target_region=成都市\nreason=临时外出就医",
                "居民身份证=有效\n医疗保障电子凭证=有效",
                "",
                "review",
                None,
            ),
        ],
    ),
    "630000-GJJ-0001": (
        "住房公积金异地转移接续用证规则",
        "instant",
        [
            (
                10,
                [("answer.transfer_amount", "gt", "200000.00")],
                ("route", "review", "转移金额超过20万元，需人工复核"),
            ),
        ],
        [
            (
                "小额转移即办",
                ADULT,
                "transfer_amount=35000.50",
                "居民身份证=有效",
                "居民身份证=免提交",
                "instant",
                None,
            ),
            ("大额转移人工复核", ADULT, "transfer_amount=250000", "居民身份证=有效", "", "review", None),
        ],
    ),
    "630000-ZR-0001": (
        "不动产登记用证规则",
        "review",
        [
            (
                10,
                [("answer.registration_kind", "in", "转移登记、变更登记")],
                ("req", "REALTY", "auto", "转移、变更登记须提供原不动产权证书，系统自动调取"),
            ),
            (
                20,
                [
                    ("answer.registration_kind", "in", "转移登记、变更登记"),
                    ("license:REALTY", "in", NOT_VALID),
                ],
                ("req", "REALTY", "paper", "未查询到有效的电子不动产权证书，请提交原证"),
            ),
        ],
        [
            (
                "转移登记自动调取原证",
                ADULT,
                "registration_kind=转移登记",
                "居民身份证=有效\n不动产权证书=有效",
                "不动产权证书=免提交",
                "review",
                None,
            ),
            (
                "首次登记无需原证",
                ADULT,
                "registration_kind=首次登记",
                "居民身份证=有效",
                "不动产权证书=免提交",
                "review",
                None,
            ),
        ],
    ),
    "630000-ZR-0002": (
        "不动产抵押登记用证规则",
        "review",
        [
            (
                10,
                [("answer.loan_amount", "lte", "1000000.00"), ("license:REALTY", "eq", "有效")],
                ("route", "instant", "100万元以下且不动产权证书有效，即时办结"),
            ),
            (
                10,
                [("license:REALTY", "in", NOT_VALID)],
                ("req", "REALTY", "paper", "未查询到有效的电子不动产权证书，请提交原证"),
            ),
        ],
        [
            (
                "小额抵押即办",
                ADULT,
                "loan_amount=500000",
                "居民身份证=有效\n不动产权证书=有效",
                "不动产权证书=免提交",
                "instant",
                None,
            ),
            (
                "大额抵押人工审核",
                ADULT,
                "loan_amount=3000000.00",
                "居民身份证=有效\n不动产权证书=有效",
                "",
                "review",
                None,
            ),
            (
                "无电子产权证提交原证",
                ADULT,
                "loan_amount=500000",
                "居民身份证=有效",
                "不动产权证书=纸质",
                "review",
                None,
            ),
        ],
    ),
    "630000-JY-0001": (
        "学历学位认证用证规则",
        "instant",
        [
            (
                10,
                [("answer.certify", "in", "学位、学历和学位")],
                ("req", "DEGREE", "auto", "认证学位须提供学位证书，系统自动调取"),
            ),
            (
                10,
                [("license:DIPLOMA", "in", NOT_VALID)],
                ("req", "DIPLOMA", "upload", "未查询到电子学历证书，请上传"),
            ),
            (10, [("license:DIPLOMA", "in", NOT_VALID)], ("route", "review", "学历需人工核验")),
        ],
        [
            (
                "学历认证即办",
                ADULT,
                "certify=学历",
                "居民身份证=有效\n学历证书=有效",
                "学历证书=免提交",
                "instant",
                None,
            ),
            (
                "学历和学位认证调取学位证书",
                ADULT,
                "certify=学历和学位",
                "居民身份证=有效\n学历证书=有效\n学位证书=有效",
                "学位证书=免提交",
                "instant",
                None,
            ),
            (
                "无电子学历证书转上传",
                ADULT,
                "certify=学历",
                "居民身份证=有效",
                "学历证书=上传",
                "review",
                None,
            ),
        ],
    ),
    "630000-MZ-0002": (
        "老年人证申领用证规则",
        "instant",
        [
            (10, [("applicant.age", "lt", "60")], ("route", "review", "未满60周岁，需人工核实申领资格")),
            (
                10,
                [("answer.retired", "eq", "是")],
                ("req", "RETIRE", "auto", "已退休的自动调取退休证，用于登记原工作单位"),
            ),
        ],
        [
            (
                "60周岁以上即办",
                {"age": 66, "sex": "female", "region": "630102"},
                "retired=否",
                "居民身份证=有效\n户口簿=有效",
                "居民身份证=免提交",
                "instant",
                None,
            ),
            (
                "退休人员自动调取退休证",
                {"age": 66, "sex": "male", "region": "630102"},
                "retired=是",
                "居民身份证=有效\n户口簿=有效\n退休证=有效",
                "退休证=免提交",
                "instant",
                None,
            ),
            ("未满60周岁人工审核", ADULT, "retired=否", "居民身份证=有效\n户口簿=有效", "", "review", None),
        ],
    ),
    "630000-RS-0003": (
        "就业创业证申领用证规则",
        "instant",
        [
            (10, [("answer.employment_status", "eq", "失业")], ("route", "review", "失业登记需核实就业状态")),
            (
                10,
                [("applicant.age", "lte", "30")],
                ("req", "DIPLOMA", "auto", "30周岁以下按高校毕业生政策自动调取学历证书"),
            ),
            (
                10,
                [("applicant.age", "gt", "30")],
                ("req", "DIPLOMA", "exempt", "非高校毕业生无需提供学历证书"),
            ),
        ],
        [
            (
                "创业人员即办",
                ADULT,
                "employment_status=创业",
                "居民身份证=有效",
                "学历证书=免于提交",
                "instant",
                None,
            ),
            (
                "高校毕业生调取学历证书",
                {"age": 23, "sex": "male", "region": "630105"},
                "employment_status=就业",
                "居民身份证=有效\n学历证书=有效",
                "学历证书=免提交",
                "instant",
                None,
            ),
            ("失业人员人工审核", ADULT, "employment_status=失业", "居民身份证=有效", "", "review", None),
        ],
    ),
    "630000-SJ-0001": (
        "企业设立登记用证规则",
        "instant",
        [
            (
                10,
                [("answer.registered_capital", "gte", "10000")],
                ("route", "review", "注册资本1亿元以上需人工审核"),
            ),
            (
                10,
                [("answer.entity_type", "eq", "股份有限公司")],
                ("route", "review", "股份有限公司设立需人工审核"),
            ),
            (
                10,
                [("channel", "eq", "窗口办理")],
                ("req", "ID", "paper", "窗口办理请出示法定代表人身份证原件"),
            ),
        ],
        [
            (
                "有限责任公司网上即办",
                COMPANY,
                "registered_capital=100\nentity_type=有限责任公司",
                "",
                "居民身份证=免提交",
                "instant",
                None,
            ),
            (
                "股份有限公司人工审核",
                COMPANY,
                "registered_capital=5000\nentity_type=股份有限公司",
                "",
                "",
                "review",
                None,
            ),
        ],
    ),
    "630000-SJ-0002": (
        "食品经营许可用证规则",
        "instant",
        [
            (
                10,
                [("license:BIZ", "in", NOT_VALID)],
                ("req", "BIZ", "upload", "未查询到有效的营业执照，请上传"),
            ),
            (10, [("license:BIZ", "in", NOT_VALID)], ("route", "review", "营业执照状态异常，需人工审核")),
            (
                5,
                [("answer.site_area", "gt", "1000")],
                ("route", "review", "经营场所超过1000平方米，需现场核查"),
            ),
        ],
        [
            ("小型门店即办", COMPANY, "site_area=80.5", "营业执照=有效", "营业执照=免提交", "instant", None),
            ("营业执照吊销转上传", COMPANY, "site_area=80", "营业执照=吊销", "营业执照=上传", "review", None),
        ],
    ),
    "630000-SW-0001": (
        "企业纳税缴费登记用证规则",
        "instant",
        [
            (10, [("license:BIZ", "in", NOT_VALID)], ("route", "review", "营业执照状态异常，需人工审核")),
        ],
        [
            (
                "营业执照有效即办",
                COMPANY,
                "taxpayer_kind=小规模纳税人",
                "营业执照=有效",
                "营业执照=免提交",
                "instant",
                None,
            ),
            (
                "营业执照注销人工审核",
                COMPANY,
                "taxpayer_kind=一般纳税人",
                "营业执照=注销",
                "",
                "review",
                None,
            ),
        ],
    ),
    "630000-RS-0004": (
        "企业职工基本养老保险参保登记用证规则",
        "instant",
        [
            (
                10,
                [("answer.employee_count", "gt", "500")],
                ("route", "review", "参保职工超过500人，需人工核对花名册"),
            ),
        ],
        [
            (
                "小微企业即办",
                COMPANY,
                "employee_count=12",
                "营业执照=有效",
                "营业执照=免提交",
                "instant",
                None,
            ),
            ("大型企业人工核对", COMPANY, "employee_count=800", "营业执照=有效", "", "review", None),
        ],
    ),
    "630000-YC-0001": (
        "烟草专卖零售许可证核发用证规则",
        "review",
        [
            (
                10,
                [("answer.site_owned", "eq", "是"), ("license:BIZ", "eq", "有效")],
                ("route", "instant", "自有场所且营业执照有效，即时办结"),
            ),
            (
                10,
                [("license:BIZ", "in", NOT_VALID)],
                ("req", "BIZ", "upload", "未查询到有效的营业执照，请上传"),
            ),
        ],
        [
            ("自有场所即办", COMPANY, "site_owned=是", "营业执照=有效", "营业执照=免提交", "instant", None),
            (
                "租赁场所人工审核",
                COMPANY,
                "site_owned=否",
                "营业执照=有效",
                "营业执照=免提交",
                "review",
                None,
            ),
        ],
    ),
    "630000-ZJ-0001": (
        "建筑工程施工许可证核发用证规则",
        "review",
        [
            (
                10,
                [("license:SAFETY", "in", NOT_VALID)],
                ("req", "SAFETY", "upload", "未查询到有效的安全生产许可证，请上传"),
            ),
        ],
        [
            (
                "安全生产许可证有效自动调取",
                COMPANY,
                "contract_price=1200.00",
                "营业执照=有效\n建筑施工企业安全生产许可证=有效",
                "建筑施工企业安全生产许可证=免提交",
                "review",
                None,
            ),
            (
                "安全生产许可证过期转上传",
                COMPANY,
                "contract_price=1200",
                "营业执照=有效\n建筑施工企业安全生产许可证=过期",
                "建筑施工企业安全生产许可证=上传",
                "review",
                None,
            ),
        ],
    ),
}


def _fact(key: str) -> str:
    if key.startswith("license:"):
        return "license." + catalog_demo.license_type(key[8:]).code
    return key


def _write_draft(ruleset: RuleSet, rows: list, tests: list) -> None:
    ruleset.rows.all().delete()
    ruleset.tests.all().delete()
    for number, (priority, conditions, outcome) in enumerate(rows, start=1):
        row = RuleRow(ruleset=ruleset, number=number, priority=priority)
        if outcome[0] == "req":
            row.outcome, row.license_type, row.mode, row.reason = (
                "requirement",
                catalog_demo.license_type(outcome[1]),
                outcome[2],
                outcome[3],
            )
        elif outcome[0] == "route":
            row.outcome, row.route, row.reason = "route", outcome[1], outcome[2]
        else:
            row.outcome, row.reason = "fee_exemption", outcome[1]
        row.full_clean()
        row.save()
        for position, (fact, operator, value) in enumerate(conditions):
            RuleCondition.objects.create(
                row=row, position=position, fact=_fact(fact), operator=operator, value=value
            )
    for name, applicant, answers, licenses, modes, route, fee in tests:
        RuleTest.objects.create(
            ruleset=ruleset,
            name=name,
            applicant_kind=applicant.get("kind", "person"),
            age=applicant.get("age"),
            sex=applicant.get("sex", ""),
            region=applicant.get("region", ""),
            channel=applicant.get("channel", "online"),
            answers=answers,
            licenses=licenses,
            expected_modes=modes,
            expected_route=route,
            expected_fee_exempt=fee,
        )


@transaction.atomic
def load(stdout=None) -> int:
    published = 0
    for code, (title, default_route, rows, tests) in RULESETS.items():
        if RuleSet.objects.filter(service_code=code, status=RuleSetStatus.PUBLISHED).exists():
            continue
        ruleset = RuleSet.objects.filter(service_code=code, status=RuleSetStatus.DRAFT).first()
        if ruleset is None:
            ruleset = services.create_ruleset(service_code=code, title=title, default_route=default_route)
        ruleset.title, ruleset.default_route = title, default_route
        ruleset.save()
        _write_draft(ruleset, rows, tests)
        services.publish_ruleset(ruleset=ruleset, effective_from=catalog_demo.DEMO_EFFECTIVE_FROM)
        published += 1
    if stdout is not None:
        stdout.write(
            f"用证规则：新发布 {published} 个规则集，共 {RuleSet.objects.filter(status=RuleSetStatus.PUBLISHED).count()} 个已发布"
        )
    return published
