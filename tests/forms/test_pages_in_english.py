"""The public document verification page and the form preview are available in English; Chinese stays the
default, and documents themselves are always issued in Chinese."""

import pytest
from django.utils import timezone, translation

from forms.documents.samples import sample_data
from forms.models import DocumentKind
from forms.services.documents import issue_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(department, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with translation.override("en"):  # an officer browsing in English issues it
        return issue_document(
            kind=DocumentKind.ACCEPTANCE_NOTICE,
            department=department,
            data=sample_data(DocumentKind.ACCEPTANCE_NOTICE),
        )


def test_the_verification_page_is_available_in_english(client, notice):
    client.cookies["django_language"] = "en"
    page = client.get(f"/documents/verify/{notice.number}?h={notice.check_code}").content.decode()
    assert 'lang="en"' in page and "Document verification" in page and "<b>Verified:</b>" in page
    assert "Acceptance notice" in page  # the document kind (a model choice label)
    assert "核验通过" not in page


def test_a_failed_verification_is_explained_in_english(client, notice):
    client.cookies["django_language"] = "en"
    response = client.get(f"/documents/verify/{notice.number}?h=AAAAAAAAAA")
    assert response.status_code == 404 and "<b>Not verified:</b>" in response.content.decode()


def test_the_verification_page_is_chinese_without_the_switch(client, notice):
    page = client.get(f"/documents/verify/{notice.number}?h={notice.check_code}").content.decode()
    assert 'lang="zh-hans"' in page and "核验通过" in page and "受理通知书" in page
    assert "Verified" not in page


def test_documents_are_rendered_in_chinese_whatever_language_is_active(department, monkeypatch):
    from forms.services import documents

    languages = []
    real = documents.render_to_string

    def spy(*args, **kwargs):
        languages.append(translation.get_language())
        return real(*args, **kwargs)

    monkeypatch.setattr(documents, "render_to_string", spy)
    with translation.override("en"):
        html = documents.document_html(
            kind=DocumentKind.ACCEPTANCE_NOTICE,
            data=sample_data(DocumentKind.ACCEPTANCE_NOTICE),
            department=department,
            number="SL-2026-1-000001",
            code="7KQ2M9XH4P",
            issued_at=timezone.now(),
        )
    assert languages == ["zh-hans"] and "受理通知书" in html


def test_the_form_preview_is_available_in_english(client, policy_user, schema):
    client.force_login(policy_user)
    client.cookies["django_language"] = "en"
    page = client.get(f"/forms/schemas/{schema.pk}/preview/").content.decode()
    assert "Form preview: " in page and "Try submitting" in page and "version 1, draft" in page
    client.cookies.pop("django_language")
    assert "试提交" in client.get(f"/forms/schemas/{schema.pk}/preview/").content.decode()
