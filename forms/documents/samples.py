"""Realistic sample data for each document kind (screenshots, the bench, the demo and tests)."""

from datetime import date, timedelta

from catalogs.identifiers import HOLDER_CODE_CITIZEN
from forms.documents.kinds import (
    AcceptanceNoticeData,
    ApplicationFormData,
    CaseInfo,
    DecisionData,
    FaceRow,
    FormRow,
    LicenseFaceData,
    MaterialRow,
    Party,
    SupplementItem,
    SupplementNoticeData,
)
from forms.models import DocumentKind

SAMPLE_CITIZEN_ID = "630102198501010013"
SAMPLE_SPOUSE_ID = "630103198703030028"


def sample_case(
    *, applicant_name: str = "张三", service_item_name: str = "内地居民婚姻登记", day: date = date(2026, 3, 2)
) -> CaseInfo:
    return CaseInfo(
        case_number="MZB-20260302-000123",
        service_item_name=service_item_name,
        service_item_code="630000-MZ-0001",
        service_item_version=1,
        applicant=Party(name=applicant_name, code=SAMPLE_CITIZEN_ID, code_type=HOLDER_CODE_CITIZEN),
        submitted_on=day,
    )


def sample_data(kind: str, *, case: CaseInfo | None = None):
    case = case or sample_case()
    day = case.submitted_on
    materials = [
        MaterialRow("居民身份证", "免提交（电子证照自动调取）", "已核验"),
        MaterialRow("户口簿", "免提交（电子证照自动调取）", "已核验"),
        MaterialRow("本人近期半身免冠合影照片", "上传电子材料", "2张2寸双人合影"),
    ]
    if kind == DocumentKind.APPLICATION_FORM:
        return ApplicationFormData(
            case=case,
            rows=[
                FormRow("姓名", case.applicant.name, "居民身份证"),
                FormRow("性别", "男", "居民身份证"),
                FormRow("出生日期", "1985年1月1日", "居民身份证"),
                FormRow("民族", "汉", "居民身份证"),
                FormRow("住址", "青海省西宁市城东区八一路12号", "户口簿"),
                FormRow("对方姓名", "李四", ""),
                FormRow("对方公民身份号码", SAMPLE_SPOUSE_ID, ""),
                FormRow("本人是否曾经离婚", "否", ""),
                FormRow("联系电话", "13809710000", ""),
            ],
            materials=materials,
            prefilled_count=5,
            field_count=9,
        )
    if kind == DocumentKind.ACCEPTANCE_NOTICE:
        return AcceptanceNoticeData(
            case=case, accepted_on=day, promised_days=1, materials=materials, handler_name="王晓明"
        )
    if kind == DocumentKind.SUPPLEMENT_NOTICE:
        return SupplementNoticeData(
            case=case,
            items=[
                SupplementItem(
                    "本人近期半身免冠合影照片", "照片背景不是红色，且未露出双耳；请提交2张2寸红底双人合影"
                ),
                SupplementItem(
                    "离婚证", "电子证照核验未通过（证照状态为“已注销”），请提交纸质原件或人民法院生效判决书"
                ),
            ],
            deadline=day + timedelta(days=15),
            handler_name="王晓明",
            notified_on=day,
        )
    if kind == DocumentKind.DECISION:
        return DecisionData(
            case=case,
            approved=True,
            decided_on=day,
            reasons="申请人提交的申请材料齐全，符合法定形式；经核验，双方当事人的居民身份证、户口簿电子证照真实有效，符合结婚登记的法定条件。",
            legal_basis="《中华人民共和国民法典》第一千零四十九条、《婚姻登记条例》第七条",
            license_identifier="1.2.156.3005.2.11630000013926002D004.11630000013926002D.00000123.001.P",
        )
    if kind == DocumentKind.LICENSE_FACE:
        return LicenseFaceData(
            license_type_name="结婚证",
            identifier="1.2.156.3005.2.11630000013926002D004.11630000013926002D.00000123.001.P",
            license_number="J630102-2026-000123",
            holder=case.applicant,
            rows=[
                FaceRow("配偶姓名", "李四"),
                FaceRow("配偶身份证号", SAMPLE_SPOUSE_ID),
                FaceRow("登记日期", "2026年3月2日"),
                FaceRow("登记机关", "西宁市城东区民政局"),
            ],
            issue_date=day,
            valid_from=day,
            valid_until=None,
            verification_path="/verify/1.2.156.3005.2.11630000013926002D004.11630000013926002D.00000123.001.P?c=7KQ2M9",
            case_number=case.case_number,
        )
    raise ValueError(kind)
