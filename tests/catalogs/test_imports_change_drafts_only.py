"""The versioning rule: imports create or change drafts; published versions are frozen."""

from datetime import date

import pytest

from catalogs.importing import CatalogImportFailed, export_catalog, import_catalog
from catalogs.models import ServiceItem
from catalogs.resources import FROZEN
from catalogs.services import create_draft_version, publish_service_item
from catalogs.workbooks import read_sheets
from tests.catalogs.spreadsheets import sheet, xlsx
from tests.factories import MaterialFactory, QuestionFactory, ServiceItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published():
    item = ServiceItemFactory(code="630000-VER-0001", name="婚姻登记")
    MaterialFactory(service_item=item)
    QuestionFactory(service_item=item, key="divorced", label="是否曾经离婚")
    return publish_service_item(item=item, effective_from=date(2026, 1, 1))


def exported(entity: str):
    return read_sheets(export_catalog(file_format="csv", entity=entity), filename=f"{entity}.csv")[0]


def reimport(one_sheet, **kwargs):
    return import_catalog(data=xlsx(one_sheet), filename="c.xlsx", **kwargs)


def failure_of(one_sheet):
    with pytest.raises(CatalogImportFailed) as failure:
        reimport(one_sheet)
    return failure.value.report.errors


def test_changing_a_published_version_is_refused_and_names_the_changed_column(published):
    items = exported("service_items")
    items.rows[0][2] = "结婚登记"
    [error] = failure_of(items)
    assert (error.row, error.column) == (2, "事项名称")
    assert error.reason.startswith(FROZEN)
    published.refresh_from_db()
    assert published.name == "婚姻登记"


def test_an_unchanged_published_row_is_skipped(published):
    report = reimport(exported("service_items"))
    assert (report.count("unchanged"), report.count("updated")) == (1, 0)


def test_status_and_dates_are_not_importable_so_editing_them_changes_nothing(published):
    items = exported("service_items")
    status, valid_from = items.headers.index("状态"), items.headers.index("生效日期")
    items.rows[0][status] = "草稿"
    items.rows[0][valid_from] = "2030-01-01"
    report = reimport(items)
    assert report.count("unchanged") == 1
    published.refresh_from_db()
    assert (published.status, published.valid_from) == ("published", date(2026, 1, 1))


def test_a_row_with_the_next_version_number_creates_a_draft_even_if_it_says_published(published):
    items = exported("service_items")
    items.rows[0][1] = 2
    items.rows[0][2] = "结婚登记"
    report = reimport(items)
    assert report.count("new") == 1
    draft = ServiceItem.objects.get(code=published.code, version=2)
    assert (draft.status, draft.valid_from, draft.published_at, draft.name) == (
        "draft",
        None,
        None,
        "结婚登记",
    )


def test_a_new_version_is_refused_while_a_draft_exists(published):
    create_draft_version(item=published)
    items = exported("service_items")
    items.rows = [row for row in items.rows if str(row[1]) == "1"]
    items.rows[0][1] = 3
    [error] = failure_of(items)
    assert (error.column, error.reason) == (
        "版本",
        "事项“630000-VER-0001”已有草稿第 2 版：请直接修改该草稿，不要再新建版本",
    )


def test_a_version_number_below_the_newest_is_refused(published):
    publish_service_item(item=create_draft_version(item=published), effective_from=date(2026, 6, 1))
    ServiceItem.objects.filter(code=published.code, version=1).delete()
    items = exported("service_items")
    items.rows[0][1] = 1
    [error] = failure_of(items)
    assert error.reason == "事项“630000-VER-0001”已有第 2 版，新版本的版本号应为 3"


def test_a_draft_version_is_updated_in_place(published):
    draft = create_draft_version(item=published)
    items = exported("service_items")
    draft_row = next(row for row in items.rows if str(row[1]) == "2")
    draft_row[2] = "结婚登记"
    report = reimport(items)
    assert (report.count("updated"), report.count("unchanged")) == (1, 1)
    draft.refresh_from_db()
    assert (draft.name, draft.status) == ("结婚登记", "draft")


def test_questions_of_a_published_version_are_frozen_with_it(published):
    questions = exported("questions")
    questions.rows[0][3] = "是否离过婚"
    [error] = failure_of(questions)
    assert (error.column, error.reason) == (
        "问题",
        f"{FROZEN}（事项“630000-VER-0001”第 1 版已发布，改动的列：问题）",
    )


def test_a_material_cannot_be_added_to_a_published_version(published):
    headers = ["事项编码", "事项版本", "材料名称（非证照材料）", "默认提交方式"]
    [error] = failure_of(sheet("材料清单", headers, [[published.code, 1, "户口迁移证明", "上传电子材料"]]))
    assert (error.column, error.reason) == (
        "事项编码",
        f"{FROZEN}（事项“630000-VER-0001”第 1 版已发布，不能新增材料）",
    )


def test_a_material_can_be_added_to_a_draft_version(published):
    draft = create_draft_version(item=published)
    headers = ["事项编码", "事项版本", "材料名称（非证照材料）", "默认提交方式"]
    reimport(sheet("材料清单", headers, [[published.code, 2, "户口迁移证明", "上传电子材料"]]))
    assert list(draft.materials.values_list("material_name", "default_mode").order_by("id"))[-1] == (
        "户口迁移证明",
        "upload",
    )
