"""Demo form schemas: written out for three items, and a generic one for every other published demo item
(idempotent: an existing schema is left as it is).

The generic schema asks what a real 申请表 asks — who applies, how to reach them — plus every face field
of the license the item issues that the case cannot take from elsewhere; a face field that a license
the item fetches also carries is pre-filled from that license (so it is read with the applicant's consent)."""

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
            {
                "key": "citizen_id",
                "label": "公民身份号码",
                "kind": "citizen_id",
                "prefill_source": "applicant.holder_code",
            },
            {
                "key": "sex",
                "label": "性别",
                "kind": "choice",
                "choices": ["男", "女"],
                "prefill_source": _lic("ID", "sex"),
            },
            {"key": "ethnicity", "label": "民族", "prefill_source": _lic("ID", "ethnicity")},
            {
                "key": "birth_date",
                "label": "出生日期",
                "kind": "date",
                "max_days_from_today": 0,
                "prefill_source": _lic("ID", "birth_date"),
            },
            {
                "key": "address",
                "label": "常住户口所在地",
                "prefill_source": _lic("HUKOU", "address"),
                "editable_when_prefilled": True,
            },
            {"key": "spouse_name", "label": "对方姓名", "max_length": 50},
            {"key": "spouse_id", "label": "对方公民身份号码", "kind": "citizen_id"},
            {"key": "phone", "label": "联系电话", "kind": "phone"},
        ],
        "630000-RS-0001": [
            {"key": "name", "label": "姓名", "prefill_source": _lic("ID", "name")},
            {
                "key": "citizen_id",
                "label": "公民身份号码",
                "kind": "citizen_id",
                "prefill_source": "applicant.holder_code",
            },
            {
                "key": "address",
                "label": "通讯地址",
                "prefill_source": _lic("ID", "address"),
                "editable_when_prefilled": True,
            },
            {"key": "phone", "label": "手机号码", "kind": "phone"},
            {
                "key": "bank",
                "label": "意向发卡银行",
                "kind": "choice",
                "choices": ["中国工商银行", "中国农业银行", "中国银行", "中国建设银行", "青海银行"],
            },
        ],
        "630000-SJ-0001": [
            {"key": "legal_rep", "label": "法定代表人", "prefill_source": _lic("ID", "name")},
            {
                "key": "legal_rep_id",
                "label": "法定代表人身份证号",
                "kind": "citizen_id",
                "prefill_source": _lic("ID", "citizen_id"),
            },
            {
                "key": "company_name",
                "label": "拟设立企业名称",
                "max_length": 100,
                "pattern": r".*(公司|企业|合伙)",
                "pattern_message": "企业名称应以“公司”“企业”或“合伙”结尾",
            },
            {"key": "capital", "label": "注册资本（万元）", "kind": "decimal", "min_value": "0.01"},
            {"key": "address", "label": "住所", "max_length": 200},
            {"key": "scope", "label": "经营范围", "kind": "textarea", "max_length": 1000},
            {"key": "phone", "label": "联系电话", "kind": "phone"},
        ],
    }


FACE_TO_FORM_KIND = {
    "text": "text",
    "int": "int",
    "decimal": "decimal",
    "date": "date",
    "bool": "bool",
    "choice": "choice",
    "citizen_id": "citizen_id",
    "uscc": "uscc",
}


def generic_fields(item: ServiceItem) -> list[dict]:
    """A 申请表 for an item without a written-out one."""
    auto = [
        m.license_type
        for m in item.materials.select_related("license_type")
        if m.license_type_id and m.default_mode == "auto"
    ]
    person = item.applicant_kind != "enterprise"
    id_type = catalog_demo.license_type("ID")
    if person:
        name_source = f"license:{id_type.code}.name" if id_type in auto else "applicant.real_name"
        fields = [
            {"key": "applicant_name", "label": "申请人姓名", "prefill_source": name_source},
            {
                "key": "applicant_id",
                "label": "公民身份号码",
                "kind": "citizen_id",
                "prefill_source": "applicant.holder_code",
            },
        ]
    else:
        fields = [
            {"key": "agent_name", "label": "经办人", "prefill_source": "applicant.real_name"},
            {
                "key": "enterprise_code",
                "label": "统一社会信用代码",
                "kind": "uscc",
                "prefill_source": "applicant.holder_code",
            },
        ]
    taken = {q.key for q in item.questions.all()} | {"name", "citizen_id", "uscc"}
    issued = item.issues_license_type
    for face in issued.face_fields.all() if issued else []:
        if face.key in taken:
            continue
        carrier = next((lt for lt in auto if lt.face_fields.filter(key=face.key).exists()), None)
        definition = {
            "key": face.key,
            "label": face.label,
            "kind": FACE_TO_FORM_KIND.get(face.field_type, "text"),
            "required": face.required,
        }
        if face.field_type == "choice":
            definition["choices"] = list(face.choices)
        if carrier is not None:
            definition.update(
                prefill_source=f"license:{carrier.code}.{face.key}", editable_when_prefilled=True
            )
        elif face.field_type == "date":
            continue  # a date no one gives is the decision date (workflows.services.outcome)
        fields.append(definition)
    fields.append({"key": "phone", "label": "联系电话", "kind": "phone"})
    return fields


def load(stdout=None) -> dict[str, int]:
    created = 0
    written = _schemas()
    for item in ServiceItem.objects.current().order_by("code"):
        if FormSchema.objects.filter(service_item=item).exists():
            continue
        define_schema(service_item=item, fields=written.get(item.code) or generic_fields(item))
        created += 1
    if stdout is not None:
        stdout.write(f"表单：新建 {created} 个申请表单")
    return {"schemas": created}
