"""The case labels (statuses, model and field names, rating levels) have English translations, using the
glossary's terms; Chinese stays the default. No database needed: only labels are read."""

from django.apps import apps
from django.utils import translation

from workflows.models import Case, CaseState, Rating, RatingLevel
from workflows.models.case import Channel, Decision, Route


def test_case_labels_are_english_under_english():
    with translation.override("en"):
        assert CaseState.AWAITING_ACCEPTANCE.label == "Awaiting acceptance"
        assert CaseState.SUPPLEMENT.label == "Awaiting supplement"
        assert CaseState.APPROVED.label == Decision.APPROVED.label == "Approved"
        assert str(Case._meta.verbose_name) == "Case"
        assert str(apps.get_app_config("workflows").verbose_name) == "Cases"  # the app, not the model
        assert (
            str(Case._meta.get_field("agent_name").verbose_name) == "Agent"
        )  # not the licenses' "Issued by"
        assert Route.INSTANT.label == "Instant decision (automatic approval)"
        assert Channel.WINDOW.label == "At the service window"  # as the rules app says it
        assert str(Rating._meta.verbose_name) == "Rating"
        assert [level.label for level in RatingLevel] == [
            "Very satisfied",
            "Satisfied",
            "Fairly satisfied",
            "Dissatisfied",
            "Very dissatisfied",
        ]


def test_case_labels_stay_chinese_by_default():
    with translation.override("zh-hans"):
        assert CaseState.AWAITING_ACCEPTANCE.label == "待受理"
        assert str(Case._meta.verbose_name) == "办件"
        assert str(apps.get_app_config("workflows").verbose_name) == "办件"
        assert str(Case._meta.get_field("agent_name").verbose_name) == "经办人"
        assert RatingLevel.VERY_DISSATISFIED.label == "非常不满意"
