import pytest
from django.core.management import call_command

from licenses.audit.chain import verify_chain
from licenses.models import AccessLogEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))


def test_the_demo_holder_sees_the_handlers_reads_and_a_refused_attempt(client, demo):
    from accounts.models import User

    zhangsan = User.objects.get(username="zhangsan")
    entries = AccessLogEntry.objects.filter(holder_code=zhangsan.holder_code)
    assert sorted(entries.values_list("result", flat=True)) == ["denied", "granted", "granted"]
    client.force_login(zhangsan)
    page = client.get("/wallet/access-log/").content.decode()
    assert "西宁市城东区民政局" in page and "办理内地居民婚姻登记" in page


def test_loading_the_demo_again_adds_no_reads(demo):
    before = AccessLogEntry.objects.count()
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert AccessLogEntry.objects.count() == before
    checked, broken = verify_chain()
    assert (checked, broken) == (before, None)
