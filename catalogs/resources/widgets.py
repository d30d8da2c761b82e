"""Widgets that turn spreadsheet cells into model values and back, with Chinese error messages.

A widget raises ``ValueError`` with a reason a policy officer can act on; import-export turns it
into a validation error of the column. Lookups of related rows (部门、证照类型、事项) are cached
per import, so a 10,000-row sheet costs one query per related table, not one per row.
"""

from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.db.models import Model, TextChoices
from django.utils import timezone
from import_export.widgets import ManyToManyWidget, Widget

FORMULA_PREFIXES = ("=", "+", "-", "@")


def cell_text(value) -> str:
    """A cell as text: numbers typed into text columns (630000, 630000.0) become their digits."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


class TextWidget(Widget):
    def clean(self, value, row=None, **kwargs) -> str:
        return cell_text(value)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class IntegerWidget(Widget):
    """Whole numbers; an empty cell is ``None`` (the field's default applies)."""

    def clean(self, value, row=None, **kwargs) -> int | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, bool):
            raise ValueError(f"“{cell_text(value)}”不是整数")
        if isinstance(value, int):
            return value
        if isinstance(value, float):
            if value.is_integer():
                return int(value)
            raise ValueError(f"“{value}”不是整数")
        text = str(value).strip()
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"“{text}”不是有效的数字，应填写整数") from None
        if number != number.to_integral_value():
            raise ValueError(f"“{text}”不是整数")
        return int(number)

    def render(self, value, obj=None, **kwargs):
        return value


class DecimalWidget(Widget):
    def clean(self, value, row=None, **kwargs) -> Decimal | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, bool):
            raise ValueError(f"“{cell_text(value)}”不是有效的数字")
        text = str(value).strip().replace(",", "")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"“{text}”不是有效的数字") from None
        if not number.is_finite():
            raise ValueError(f"“{text}”不是有效的数字")
        return number

    def render(self, value, obj=None, **kwargs):
        return value


class BooleanWidget(Widget):
    TRUE = {"是", "true", "1", "yes", "y", "必填", "必要", "必答"}
    FALSE = {"否", "false", "0", "no", "n"}

    def __init__(self, *, default: bool = True):
        super().__init__()
        self.default = default

    def clean(self, value, row=None, **kwargs) -> bool:
        if isinstance(value, bool):
            return value
        text = cell_text(value).lower()
        if not text:
            return self.default
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValueError(f"“{cell_text(value)}”无法识别，应填写“是”或“否”")

    def render(self, value, obj=None, **kwargs):
        return "是" if value else "否"


class ChoiceWidget(Widget):
    """Exports the Chinese label (行政许可); imports the label or the stored value (licensing)."""

    def __init__(self, choices: type[TextChoices], *, what: str, default: str | None = None):
        super().__init__()
        self.what = what
        self.default = default
        self.labels = {str(choice.label): choice.value for choice in choices}
        self.values = {choice.value: str(choice.label) for choice in choices}

    def clean(self, value, row=None, **kwargs) -> str | None:
        text = cell_text(value)
        if not text:
            return self.default
        if text in self.labels:
            return self.labels[text]
        if text in self.values:
            return text
        allowed = "、".join(self.labels)
        raise ValueError(f"未知的{self.what}“{text}”，可选：{allowed}")

    def render(self, value, obj=None, **kwargs):
        return self.values.get(value, value or "")


class ListWidget(Widget):
    """A list of strings (可选值) in one cell, separated by “|”."""

    SEPARATOR = "|"

    def clean(self, value, row=None, **kwargs) -> list[str]:
        text = cell_text(value)
        if not text:
            return []
        return [part.strip() for part in text.split(self.SEPARATOR) if part.strip()]

    def render(self, value, obj=None, **kwargs):
        return self.SEPARATOR.join(value or [])


class DateWidget(Widget):
    """ISO dates (2026-03-01); an XLSX date cell is accepted as it is."""

    def clean(self, value, row=None, **kwargs) -> date | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = cell_text(value)
        for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"):
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise ValueError(f"日期“{text}”格式错误，应为“2026-03-01”这样的年-月-日")

    def render(self, value, obj=None, **kwargs):
        return value


class DateTimeWidget(Widget):
    """Export-only timestamps (发布时间), written in the local time zone."""

    def clean(self, value, row=None, **kwargs):
        if value is None or isinstance(value, datetime) or not cell_text(value):
            return value
        text = cell_text(value)
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(f"时间“{text}”格式错误，应为“2026-03-01 09:30:00”") from None

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return None

        return timezone.localtime(value).replace(tzinfo=None, microsecond=0)


class LookupWidget(Widget):
    """A foreign key by its natural code (区划代码、统一社会信用代码、证照类型代码).

    The related table is read once per import into a dict; rows created earlier in the same
    import are added with :meth:`remember`.
    """

    def __init__(
        self,
        model: type[Model],
        *,
        field: str,
        unknown: str,
        explain: Callable[[str], str | None] | None = None,
    ):
        Widget.__init__(self)  # not super(): ManyLookupWidget's next base needs other arguments
        self.model = model
        self.field = field
        self.unknown = unknown
        self.explain = explain
        self._cache: dict[str, Model] | None = None

    def reset(self) -> None:
        self._cache = None

    def _lookup(self) -> dict[str, Model]:
        if self._cache is None:
            self._cache = {getattr(obj, self.field): obj for obj in self.model._default_manager.all()}
        return self._cache

    def remember(self, obj: Model) -> None:
        if self._cache is not None:
            self._cache[getattr(obj, self.field)] = obj

    def find(self, text: str) -> Model:
        obj = self._lookup().get(text)
        if obj is None:
            reason = self.explain(text) if self.explain else None
            raise ValueError(reason or self.unknown.format(value=text))
        return obj

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        return self.find(text) if text else None

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else getattr(value, self.field)


class ManyLookupWidget(LookupWidget, ManyToManyWidget):
    """Several related rows in one cell, separated by “|” (发证部门的统一社会信用代码).

    A ``ManyToManyWidget`` so that import-export saves it after the row (``save_m2m``).
    """

    SEPARATOR = "|"

    def clean(self, value, row=None, **kwargs) -> list[Model]:
        text = cell_text(value)
        codes = [part.strip() for part in text.split(self.SEPARATOR) if part.strip()]
        return [self.find(code) for code in dict.fromkeys(codes)]

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        items: Iterable[Model] = value.all() if hasattr(value, "all") else value
        return self.SEPARATOR.join(sorted(getattr(item, self.field) for item in items))


class ServiceItemRefWidget(LookupWidget):
    """A service item version by two columns: 事项编码 (this cell) and 事项版本 (``version_column``)."""

    def __init__(self, model, *, version_column: str):
        super().__init__(model, field="code", unknown="")
        self.version_column = version_column

    def _lookup(self):
        if self._cache is None:
            self._cache = {(obj.code, obj.version): obj for obj in self.model._default_manager.all()}
        return self._cache

    def remember(self, obj) -> None:
        if self._cache is not None:
            self._cache[(obj.code, obj.version)] = obj

    def clean(self, value, row=None, **kwargs):
        code = cell_text(value)
        if not code:
            return None
        raw_version = (row or {}).get(self.version_column)
        try:
            version = IntegerWidget().clean(raw_version)
        except ValueError:
            raise ValueError(f"{self.version_column}“{cell_text(raw_version)}”不是整数") from None
        if version is None:
            raise ValueError(f"请填写{self.version_column}")
        obj = self._lookup().get((code, version))
        if obj is None:
            raise ValueError(f"未找到事项“{code}”第 {version} 版，请先导入该事项")
        return obj

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value.code
