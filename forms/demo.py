"""Demo form schemas for three demo service items (idempotent: an existing schema is left as it is)."""

from catalogs import demo as catalog_demo
from catalogs.models import ServiceItem
from forms.models import FormSchema
from forms.services.schemas import define_schema


def _lic(key: str, field: str) -> str:
    return f"license:{catalog_demo.license_type(key).code}.{field}"


def _schemas() -> dict[str, list[dict]]:
    return {
        "630000-MZ-0001": [
            {"key": "name", "label": "姓名", "prefill_source": _lic("ID", "name")},
            {"key": "citizen_id", "label": "公民身份号码", "kind": "citizen_id", "prefill_source": "applicant.holder_code"},
            {"key": "sex", "label": "性别", "kind": "choice", "choices": ["男", "女"], "prefill_source": _lic("ID", "sex")},
            {"key": "ethnicity", "label": "民族", "prefill_source": _lic("ID", "ethnicity")},
            {"key": "birth_date", "label": "出生日期", "kind": "date", "max_days_from_today": 0, "prefill_source": _lic("ID", "birth_date")},
            {"key": "address", "label": "常住户口所在地", "prefill_source": _lic("HUKOU", "address"), "editable_when_prefilled": True},
            {"key": "partner_name", "label": "对方姓名", "max_length": 50},
            {"key": "partner_id", "label": "对方公民身份号码", "kind": "citizen_id"},
            {"key": "phone", "label": "联系电话", "kind": "phone"},
        ],
        "630000-RS-0001": [
            {"key": "name", "label": "姓名", "prefill_source": _lic("ID", "name")},
            {"key": "citizen_id", "label": "公民身份号码", "kind": "citizen_id", "prefill_source": "applicant.holder_code"},
            {"key": "address", "label": "通讯地址", "prefill_source": _lic("ID", "address"), "editable_when_prefilled": True},
            {"key": "phone", "label": "手机号码", "kind": "phone"},
            {"key": "bank", "label": "意向发卡银行", "kind": "choice", "choices": ["中国工商银行", "中国农业银行", "中国银行", "中国建设银行", "青海银行"]},
        ],
        "630000-SJ-0001": [
            {"key": "legal_rep", "label": "法定代表人", "prefill_source": _lic("ID", "name")},
            {"key": "legal_rep_id", "label": "法定代表人身份证号", "kind": "citizen_id", "prefill_source": _lic("ID", "citizen_id")},
            {"key": "company_name", "label": "拟设立企业名称", "max_length": 100, "pattern": r".*(公司|企业|合伙)",
             "pattern_message": "企业名称应以“公司”“企业”或“合伙”结尾"},
            {"key": "capital", "label": "注册资本（万元）", "kind": "decimal", "min_value": "0.01"},
            {"key": "address", "label": "住所", "max_length": 200},
            {"key": "scope", "label": "经营范围", "kind": "textarea", "max_length": 1000},
            {"key": "phone", "label": "联系电话", "kind": "phone"},
        ],
    }


def load(stdout=None) -> dict[str, int]:
    created = 0
    for code, fields in _schemas().items():
        item = ServiceItem.objects.current().filter(code=code).first()
        if item is None or FormSchema.objects.filter(service_item=item).exists():
            continue
        define_schema(service_item=item, fields=fields)
        created += 1
    if stdout is not None:
        stdout.write(f"表单：新建 {created} 个申请表单")
    return {"schemas": created}
