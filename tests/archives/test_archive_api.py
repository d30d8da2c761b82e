"""The archive API: auditors see and check every package, handlers their department's, applicants nothing."""

from tests.factories import DepartmentFactory, UserFactory


def test_an_auditor_lists_packages_and_runs_a_check(client, auditor_user, package):
    client.force_login(auditor_user)
    listed = client.get("/api/v1/archives/packages/").json()["results"]
    assert [p["package_id"] for p in listed] == [package.package_id]
    report = client.post(f"/api/v1/archives/packages/{package.package_id}/check/").json()
    assert report["ok"] is True and report["summary"]["authenticity"]["ok"] is True


def test_a_handler_sees_only_their_own_departments_packages(client, package):
    other = UserFactory(roles=["handler"], is_staff=True, department=DepartmentFactory())
    own = UserFactory(roles=["handler"], is_staff=True, department=package.department)
    client.force_login(other)
    assert client.get("/api/v1/archives/packages/").json()["results"] == []
    assert client.get(f"/api/v1/archives/packages/{package.package_id}/").status_code == 404
    client.force_login(own)
    assert (
        client.get(f"/api/v1/archives/packages/{package.package_id}/").json()["case_number"]
        == package.case_number
    )


def test_a_handler_cannot_run_a_check(client, package):
    client.force_login(UserFactory(roles=["handler"], is_staff=True, department=package.department))
    assert client.post(f"/api/v1/archives/packages/{package.package_id}/check/").status_code == 403


def test_an_applicant_sees_no_archive(client, applicant_user, package):
    client.force_login(applicant_user)
    assert client.get("/api/v1/archives/packages/").status_code == 403


def test_there_is_no_way_to_change_a_package_through_the_api(client, auditor_user, package):
    client.force_login(auditor_user)
    assert client.delete(f"/api/v1/archives/packages/{package.package_id}/").status_code == 405
    assert (
        client.patch(
            f"/api/v1/archives/packages/{package.package_id}/",
            {"decision": "rejected"},
            content_type="application/json",
        ).status_code
        == 405
    )
