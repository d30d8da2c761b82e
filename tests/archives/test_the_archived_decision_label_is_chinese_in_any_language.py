"""One Decision for archives and workflows (TextChoices); the archive records its Chinese label whatever
language the archiving job runs in, while pages show it translated."""

from django.utils import translation

from archives.inputs import Decision
from workflows.models import Decision as CaseDecision


def test_workflows_uses_the_archive_decision_itself():
    assert CaseDecision is Decision
    assert Decision.values == ["approved", "rejected", "withdrawn"]


def test_the_archived_label_is_chinese_even_under_english():
    with translation.override("en"):
        assert Decision.archived_label("approved") == "准予"
        assert Decision.archived_label("withdrawn") == "撤回"
        assert Decision.archived_label("unknown") == ""
