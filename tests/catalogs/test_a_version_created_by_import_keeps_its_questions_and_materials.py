"""A new version created by a spreadsheet import continues its predecessor: questions and materials are
copied (as the admin's 创建新草稿 does), and rows for them in the same workbook change the copies."""

from datetime import date

import pytest

from catalogs.models import ServiceItem
from catalogs.services import publish_service_item
from tests.catalogs.spreadsheets import xlsx
from tests.factories import MaterialFactory, QuestionFactory, ServiceItemFactory

from .test_imports_change_drafts_only import exported, reimport

pytestmark = pytest.mark.django_db


@pytest.fixture
def published():
    item = ServiceItemFactory(code="630000-VER-0002", name="婚姻登记")
    MaterialFactory(service_item=item)
    QuestionFactory(service_item=item, key="divorced", label="是否曾经离婚")
    return publish_service_item(item=item, effective_from=date(2026, 1, 1))


def _as_version_2(one_sheet, version_column: str):
    column = one_sheet.headers.index(version_column)
    for row in one_sheet.rows:
        row[column] = 2
    return one_sheet


def test_a_version_created_by_import_has_the_previous_questions_and_materials(published):
    reimport(_as_version_2(exported("service_items"), "版本"))
    draft = ServiceItem.objects.get(code=published.code, version=2)
    assert list(draft.questions.values_list("key", "label")) == [("divorced", "是否曾经离婚")]
    assert draft.materials.count() == published.materials.count() == 1


def test_rows_for_the_new_versions_questions_change_the_copies(published):
    from catalogs.importing import import_catalog

    items = _as_version_2(exported("service_items"), "版本")
    questions = _as_version_2(exported("questions"), "事项版本")
    questions.rows[0][questions.headers.index("问题")] = "本人是否曾经离婚"
    import_catalog(data=xlsx(items, questions), filename="c.xlsx")
    draft = ServiceItem.objects.get(code=published.code, version=2)
    assert list(draft.questions.values_list("key", "label")) == [("divorced", "本人是否曾经离婚")]
