"""The publish dialogs fill in today as an ISO date, the only form a date picker (<input type="date">) keeps."""

import pytest
from django.test import Client
from django.utils import timezone

from catalogs.admin_base import DatePickerInput
from rules.models import RuleSet
from rules.services import create_draft_version

pytestmark = pytest.mark.django_db


def test_a_date_picker_is_written_in_iso_form_in_chinese():
    from django.utils import translation

    with translation.override("zh-hans"):
        html = DatePickerInput().render("effective_from", timezone.datetime(2026, 12, 2).date())
    assert 'type="date"' in html and 'value="2026-12-02"' in html


def test_the_ruleset_publish_dialog_proposes_today(demo_rules, policy_user):
    client = Client()
    client.force_login(policy_user)
    draft = create_draft_version(ruleset=RuleSet.objects.get(service_code="630000-MZ-0001", version=1))
    page = client.get(f"/admin/rules/ruleset/{draft.pk}/publish/").content.decode()
    assert f'value="{timezone.localdate():%Y-%m-%d}"' in page
