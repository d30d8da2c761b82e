"""End to end with the licenses app: its verification result decides whether a field may be pre-filled."""

import pytest

from forms.prefill.evidence import ApplicantData, LicenseEvidence
from forms.services.filling import start_form
from forms.services.schemas import define_schema
from licenses.services import revoke_license
from licenses.verification import verify_license
from tests.factories import ServiceItemFactory
from tests.licenses.helpers import issue_person_license


@pytest.fixture
def version(db):
    return issue_person_license(holder_name="李青")


@pytest.fixture
def schema(version):
    code = version.license.license_type.code
    return define_schema(
        service_item=ServiceItemFactory(),
        fields=[
            {"key": "name", "label": "姓名", "prefill_source": f"license:{code}.holder_name"},
            {"key": "vehicle_class", "label": "准驾车型", "prefill_source": f"license:{code}.vehicle_class"},
            {"key": "number", "label": "驾驶证编号", "prefill_source": f"license:{code}.license_number"},
        ],
    )


def _evidence(version) -> LicenseEvidence:
    report = verify_license(
        identifier=version.identifier,
        holder_code=version.license.holder_code,
        type_code=version.license.license_type.code,
    )
    return LicenseEvidence.from_verification(payload=version.payload(), report=report.as_dict())


def _applicant(version) -> ApplicantData:
    return ApplicantData(real_name="李青", holder_code=version.license.holder_code, holder_code_type="111")


def test_a_license_the_registry_verifies_fills_the_form(version, schema):
    filled = start_form(
        schema=schema, reference="R-1", applicant=_applicant(version), evidence=[_evidence(version)]
    )
    assert filled.values == {"name": "李青", "vehicle_class": "C1", "number": version.number}
    assert filled.prefilled["vehicle_class"]["origin"] == version.identifier


def test_a_revoked_license_fills_nothing_and_says_why(version, schema):
    revoke_license(license=version.license, reason="以欺骗手段取得")
    filled = start_form(
        schema=schema, reference="R-2", applicant=_applicant(version), evidence=[_evidence(version)]
    )
    assert filled.values == {} and filled.prefilled_count == 0
    assert filled.skipped["vehicle_class"] == "证照核验未通过：证照已吊销"


def test_the_face_of_a_newly_issued_license_links_to_its_public_verification_page(
    version, settings, tmp_path
):
    from forms.documents.kinds import FaceRow, LicenseFaceData, Party
    from forms.models import DocumentKind
    from forms.services.documents import issue_document
    from licenses.selectors import verification_url
    from tests.forms.support import pdf_text

    settings.MEDIA_ROOT = tmp_path
    data = LicenseFaceData(
        license_type_name=version.name,
        identifier=version.identifier,
        license_number=version.number,
        holder=Party(name=version.holder_name, code=version.license.holder_code),
        rows=[FaceRow("准驾车型", version.face["vehicle_class"])],
        issue_date=version.issue_date,
        valid_from=version.valid_from,
        valid_until=version.valid_until,
        verification_path=verification_url(version),
    )
    document = issue_document(kind=DocumentKind.LICENSE_FACE, department=version.license.issuer, data=data)
    with document.pdf.open("rb") as handle:
        text = "".join(pdf_text(handle.read(), tmp_path).split())
    assert verification_url(version) in text and version.holder_name in text
