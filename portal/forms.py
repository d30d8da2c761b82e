"""The portal's own forms: a service item's questions (answers typed as the rules expect them), rating."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from catalogs.models import ServiceItem
from catalogs.models.service_items import QuestionType
from workflows.models.rating import RatingLevel

YES_NO = [("true", _("是")), ("false", _("否"))]


def _question_field(question) -> forms.Field:
    common = {"label": question.label, "required": question.required, "help_text": question.help_text}
    kind = question.answer_type
    if kind == QuestionType.BOOL:
        return forms.TypedChoiceField(
            choices=YES_NO, coerce=lambda v: v == "true", widget=forms.RadioSelect, **common
        )
    if kind == QuestionType.INT:
        return forms.IntegerField(**common)
    if kind == QuestionType.DECIMAL:
        return forms.DecimalField(decimal_places=2, max_digits=15, **common)
    if kind == QuestionType.DATE:
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    if kind == QuestionType.CHOICE:
        return forms.ChoiceField(choices=[("", _("请选择"))] + [(c, c) for c in question.choices], **common)
    return forms.CharField(max_length=200, **common)


class QuestionsForm(forms.Form):
    """One field per question of the item, named ``q-<key>``; ``answers()`` gives what ``rules`` expects."""

    prefix = "q"

    def __init__(self, *args, item: ServiceItem, **kwargs):
        kwargs.setdefault("label_suffix", "")  # Chinese labels end without an ASCII colon
        super().__init__(*args, **kwargs)
        self.item = item
        for question in item.questions.all():
            self.fields[question.key] = _question_field(question)

    def answers(self) -> dict:
        result = {}
        for key, value in self.cleaned_data.items():
            if value is None or value == "":
                continue
            if isinstance(value, bool):
                result[key] = value
            elif isinstance(value, int):
                result[key] = value
            elif hasattr(value, "isoformat"):
                result[key] = value.isoformat()
            else:
                result[key] = str(value)
        return result


class RatingForm(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    level = forms.TypedChoiceField(
        label=_("您对本次办理的评价"),
        choices=[(level.value, level.label) for level in sorted(RatingLevel, reverse=True)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("意见或建议"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("选择“不满意”或“非常不满意”时请写明原因，部门将限期整改"),
    )


class WithdrawForm(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    reason = forms.CharField(
        label=_("撤回原因（选填）"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
