"""Publishing a service item version that drops a question its rules use warns at the item's publish; the
rules then name the question by its label, never its key."""

from datetime import date

import pytest
from django.test import Client

from catalogs import services as catalog_services
from catalogs.models import ServiceItem
from rules.forms import table_errors
from rules.models import RuleSet
from rules.resolution import row_inputs
from rules.services import create_draft_version

pytestmark = pytest.mark.django_db
CODE = "630000-MZ-0001"


@pytest.fixture
def item_without_the_question(demo_rules):
    published = ServiceItem.objects.get(code=CODE, status="published")
    draft = catalog_services.create_draft_version(item=published)
    draft.questions.filter(key="previously_divorced").delete()
    return draft


def test_the_items_publish_warns_which_rules_use_the_dropped_question(item_without_the_question, policy_user):
    warnings = catalog_services.publish_warnings(item=item_without_the_question)
    assert len(warnings) == 1
    assert "第1、2、3行用到问题“本人是否曾经离婚”，本版事项已没有该问题" in warnings[0]
    assert "previously_divorced" not in warnings[0]
    client = Client()
    client.force_login(policy_user)
    page = client.post(
        "/admin/catalogs/serviceitem/",
        {"action": "publish", "_selected_action": [item_without_the_question.pk]},
    )
    assert "请注意：用证规则" in page.content.decode() and "本人是否曾经离婚" in page.content.decode()


def test_an_item_that_keeps_its_questions_publishes_without_warning(demo_rules):
    draft = catalog_services.create_draft_version(item=ServiceItem.objects.get(code=CODE, status="published"))
    assert catalog_services.publish_warnings(item=draft) == []


def test_the_ruleset_names_the_dropped_question_by_its_label(item_without_the_question):
    catalog_services.publish_service_item(item=item_without_the_question, effective_from=date(2027, 1, 1))
    draft = create_draft_version(ruleset=RuleSet.objects.get(service_code=CODE, version=1))
    problems = table_errors(draft, row_inputs(draft))
    assert any("事项的现行版本已没有问题“本人是否曾经离婚”" in p for p in problems), problems
    assert not any("previously_divorced" in p for p in problems)
