"""Demo consent and license reads, so the holder's usage record (谁读取了我的证照) has something to show.

张三 authorises 西宁市城东区民政局 to read his 居民身份证 and 户口簿 for a marriage registration; the
window handler reads them through the gateway under that consent; another department's attempt
without a consent is refused — and all three show on 张三's usage record. Idempotent.
"""

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from catalogs import demo as catalog_demo
from licenses import gateway
from licenses.consent import AccessBasis
from licenses.consent.services import grant_consent
from licenses.models import Consent, ELicense

PURPOSE = "办理内地居民婚姻登记（630000-MZ-0001）"
CASE = "MZB-DEMO-000001"


def load(stdout=None) -> int:
    holder = User.objects.filter(username="zhangsan").first()
    handler = User.objects.filter(username="handler_mz").first()
    other = User.objects.filter(username="issuer_ga").first()
    if (
        holder is None
        or handler is None
        or Consent.objects.filter(holder_code=holder.holder_code, purpose=PURPOSE).exists()
    ):
        if stdout is not None:
            stdout.write("演示用证授权已存在")
        return 0
    id_type, hukou_type = catalog_demo.license_type("ID"), catalog_demo.license_type("HUKOU")
    consent = grant_consent(
        holder=holder,
        grantee_department=handler.department,
        type_codes=[id_type.code, hukou_type.code],
        purpose=PURPOSE,
        expires_at=timezone.now() + timedelta(days=30),
        requested_fields={
            id_type.code: ["name", "sex", "birth_date"],
            hukou_type.code: ["relation", "household_type"],
        },
        case_reference=CASE,
        max_sensitivity=3,  # birth date and relation to the household head are grade 3
    )
    reads = 0
    for lic, fields in (
        (
            ELicense.objects.filter(holder_code=holder.holder_code, license_type=id_type).first(),
            ["name", "sex", "birth_date"],
        ),
        (
            ELicense.objects.filter(holder_code=holder.holder_code, license_type=hukou_type).first(),
            ["relation", "household_type"],
        ),
    ):
        if lic is None:
            continue
        identifier = lic.versions.get(is_current=True).identifier
        gateway.retrieve(
            identifier=identifier,
            fields=fields,
            user=handler,
            basis=AccessBasis(purpose=PURPOSE, consent=consent, case_reference=CASE),
        )
        reads += 1
        if other is not None and lic.license_type_id == id_type.id:
            # a department the holder did not authorise: refused, and the refusal is on the record too
            gateway.retrieve(
                identifier=identifier,
                fields=["name"],
                user=other,
                basis=AccessBasis(purpose="核查身份信息", consent=consent, case_reference=""),
            )
            reads += 1
    if stdout is not None:
        stdout.write(f"演示用证授权 1 项，读取记录 {reads} 条")
    return reads
