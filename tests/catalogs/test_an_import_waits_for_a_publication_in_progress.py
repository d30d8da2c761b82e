import threading

import pytest
from django.db import OperationalError, connection, transaction

from catalogs.importing import import_catalog
from catalogs.models import ServiceItem
from tests.catalogs.spreadsheets import service_item_rows, service_items_sheet, xlsx
from tests.factories import DepartmentFactory, ServiceItemFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_an_import_of_service_items_waits_while_a_publication_holds_the_versions():
    """publish_service_item locks an item's versions; the import must not read them until it commits."""
    department = DepartmentFactory()
    item = ServiceItemFactory(department=department)
    locked, release = threading.Event(), threading.Event()

    def publisher():
        try:
            with transaction.atomic():
                list(ServiceItem.objects.select_for_update().filter(code=item.code))
                locked.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=publisher)
    thread.start()
    try:
        assert locked.wait(10)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '300ms'")
        with pytest.raises(OperationalError, match="lock timeout"):
            import_catalog(
                data=xlsx(service_items_sheet(service_item_rows(2, department=department))), filename="c.xlsx"
            )
    finally:
        release.set()
        thread.join(10)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = 0")
    report = import_catalog(
        data=xlsx(service_items_sheet(service_item_rows(2, department=department))), filename="c.xlsx"
    )
    assert report.count("new") == 2
