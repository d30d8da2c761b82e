import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogs.importing import import_catalog
from tests.catalogs.spreadsheets import service_item_rows, service_items_sheet, xlsx
from tests.factories import DepartmentFactory


@pytest.mark.postgres
@pytest.mark.django_db
def test_an_import_never_resets_a_sequence_which_concurrent_inserts_rely_on():
    data = xlsx(service_items_sheet(service_item_rows(3, department=DepartmentFactory())))
    with CaptureQueriesContext(connection) as queries:
        report = import_catalog(data=data, filename="c.xlsx")
    assert report.count("new") == 3
    assert not [q["sql"] for q in queries.captured_queries if "setval" in q["sql"].lower()]
