"""The holder's wallet (电子证照夹): login required, own licenses only, with status and QR code."""

from licenses.services import suspend_license
from tests.factories import UserFactory, valid_citizen_id

from .helpers import issue_person_license


def test_the_wallet_requires_login(client, db):
    response = client.get("/wallet/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_wallet_shows_only_the_holders_own_licenses_with_status_and_qr(client, db):
    mine_code, other_code = valid_citizen_id(), valid_citizen_id()
    mine = issue_person_license(holder_code=mine_code, holder_name="张三")
    theirs = issue_person_license(holder_code=other_code, holder_name="李四")
    suspend_license(license=mine.license, reason="暂扣")
    user = UserFactory(holder_code=mine_code, holder_code_type="111")
    client.force_login(user)
    text = client.get("/wallet/").content.decode()
    assert mine.verification_code in text and theirs.verification_code not in text
    assert "暂扣" in text and "<svg" in text and "李四" not in text


def test_a_user_without_a_holder_code_sees_an_empty_wallet(client, db):
    issue_person_license()
    client.force_login(UserFactory())
    assert "暂无电子证照" in client.get("/wallet/").content.decode()


def test_the_wallet_keeps_identifier_code_and_qr_behind_toggles(client, db):
    from accounts.roles import APPLICANT
    from tests.factories import UserFactory, valid_citizen_id

    from .helpers import issue_person_license

    code = valid_citizen_id()
    version = issue_person_license(holder_code=code)
    client.force_login(UserFactory(roles=[APPLICANT], holder_code=code, holder_code_type="111"))
    text = client.get("/wallet/").content.decode()
    details = text.split('<details class="more">', 1)[1].split("</details>", 1)[0]
    qr = text.split('<details class="qr">', 1)[1].split("</details>", 1)[0]
    assert (
        "<summary>详情</summary>" in details
        and version.identifier in details
        and version.verification_code in details
    )
    assert "<summary>出示二维码</summary>" in qr and "<svg" in qr
    assert version.identifier not in text.replace(details, "").split("<footer")[0].replace(qr, "")
