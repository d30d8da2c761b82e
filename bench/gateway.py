"""Bench: gateway retrieve throughput (local provider) and remote retrieve latency on loopback.

In one run:
  verify_license/s   — the registry's own verification of a license (baseline: what any read costs)
  audit append/s     — ``record_access`` alone (one hash-chained entry, head row locked)
  gateway retrieve/s — ``licenses.gateway.retrieve`` via the local provider: consent check, lookup,
                       verification, minimisation and one access-log entry; shown as a share of the baseline
  remote retrieve    — this process acts as node A (630000) against node B (620000) started as a real
                       ``runserver`` subprocess with its own database: consent terms sent, B checks and logs,
                       answers minimised and sealed, A verifies the seal with B's imported trust list and logs.
                       Latency p50/p99 over N calls, next to the local retrieve latency p50/p99.

    python bench/gateway.py                 # short: 2 s per rate, 100 remote calls
    python bench/gateway.py --seconds 5 --remote-calls 1000
Set DATABASE_URL to bench node A on PostgreSQL (a test database is created and dropped; node B then also
runs on a PostgreSQL database created and dropped by the bench).
"""

import argparse
import os
import secrets
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
# a throwaway database: its seal keys get a throwaway key-encryption key (required outside DEBUG)
os.environ.setdefault("SEAL_KEY_ENCRYPTION_KEY", "bench-" + os.urandom(16).hex())


def rate(fn, seconds: float) -> tuple[float, int]:
    count, start = 0, time.perf_counter()
    deadline = start + seconds
    while time.perf_counter() < deadline:
        for _ in range(10):
            fn()
        count += 10
    return count / (time.perf_counter() - start), count


def latencies(fn, n: int) -> list[float]:
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def local_world():
    from django.utils import timezone

    from accounts.roles import APPLICANT, HANDLER
    from licenses.consent import AccessBasis, grant_consent
    from tests.factories import DepartmentFactory, UserFactory, valid_citizen_id
    from tests.licenses.helpers import issue_person_license, issuer_with_key, person_license_type

    issuer = issuer_with_key()
    license_type = person_license_type(issuers=[issuer])
    holder_code = valid_citizen_id()
    holder = UserFactory(roles=[APPLICANT], holder_code=holder_code, holder_code_type="111")
    version = issue_person_license(issuer=issuer, license_type=license_type, holder_code=holder_code)
    grantee = DepartmentFactory()
    handler = UserFactory(roles=[HANDLER], is_staff=True, department=grantee)
    consent = grant_consent(
        holder=holder,
        grantee_department=grantee,
        type_codes=[license_type.code],
        purpose="基准测试",
        requested_fields={license_type.code: ["name", "vehicle_class"]},
        expires_at=timezone.now() + timedelta(days=1),
    )
    return version, handler, AccessBasis(purpose="基准测试", consent=consent)


def bench_local(seconds: float, samples: int) -> dict:
    from licenses import gateway
    from licenses.audit import Reader, record_access
    from licenses.models import AccessChannel
    from licenses.verification import verify_license

    version, handler, basis = local_world()
    reader = Reader(channel=AccessChannel.API, purpose="基准测试")

    def verify():
        assert verify_license(identifier=version.identifier).ok

    def append():
        record_access(reader=reader, result="granted", license_identifier=version.identifier)

    def retrieve():
        assert gateway.retrieve(
            identifier=version.identifier, fields=["name", "vehicle_class"], basis=basis, user=handler
        ).ok

    verify_rate, _ = rate(verify, seconds)
    append_rate, _ = rate(append, seconds)
    retrieve_rate, retrieve_n = rate(retrieve, seconds)
    return {
        "verify": verify_rate,
        "append": append_rate,
        "retrieve": retrieve_rate,
        "retrieve_n": retrieve_n,
        "local_ms": latencies(retrieve, samples),
    }


def bench_remote(calls: int, tmp: Path) -> dict:
    import requests
    from django.conf import settings
    from django.utils import timezone

    from catalogs import demo as catalog_demo
    from licenses import gateway
    from licenses.consent import AccessBasis, grant_consent
    from licenses.gateway.trust import import_trust_list
    from licenses.models import PartnerNode
    from licenses.sharing_demo import setup_node
    from licenses.signers.keystore import encrypt_private_key
    from tests.licenses.sharing.nodes import Databases, Node

    databases = Databases(
        tmp,
        settings.DATABASES["default"] | {"NAME": settings.DATABASES["default"]["NAME"].removeprefix("test_")},
    )
    node_b = Node(
        name="甘肃省电子证照库",
        code="gs",
        region="620000",
        database_url=databases.url("bench_node_b"),
        tmp=tmp,
    )
    token = secrets.token_urlsafe(32)
    try:
        for step in (("migrate", "-v0"), ("setup_node",)):
            out = Node.finish(node_b.manage(*step), timeout=300)
        identifier = __import__("json").loads(out.strip().splitlines()[-1])["liming_id_card"]
        Node.finish(
            node_b.manage(
                "partner_node",
                "add",
                "--code",
                settings.MZB_NODE_CODE,
                "--name",
                "青海（基准）",
                "--base-url",
                "http://127.0.0.1:9/",
                "--regions",
                "630000",
                "--inbound-token-env",
                "BENCH_TOKEN",
                env={"BENCH_TOKEN": token},
            )
        )
        node_b.start()
        here = setup_node()
        node = PartnerNode.objects.create(
            code="gs",
            name="甘肃省电子证照库",
            base_url=node_b.base + "/",
            region_codes=["620000"],
            outbound_token_encrypted=encrypt_private_key(token.encode(), key_id="partner:gs"),
        )
        import_trust_list(
            node=node, document=requests.get(node_b.base + "/api/v1/trust-list.json", timeout=5).json()
        )
        from accounts.models import User

        holder, handler = User.objects.get(username="liming"), User.objects.get(username="handler_mz")
        type_code = here["id_type_code"]
        consent = grant_consent(
            holder=holder,
            grantee_department=catalog_demo.department("CDMZ"),
            type_codes=[type_code],
            purpose="基准测试",
            requested_fields={type_code: ["name", "sex"]},
            expires_at=timezone.now() + timedelta(days=1),
        )
        basis = AccessBasis(purpose="基准测试", consent=consent)

        def retrieve():
            result = gateway.retrieve(
                identifier=identifier, fields=["name", "sex"], basis=basis, user=handler
            )
            assert result.ok, result.message

        retrieve()  # warm-up: B registers the consent
        return {"remote_ms": latencies(retrieve, calls)}
    finally:
        node_b.stop()
        databases.drop_all()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=2.0, help="seconds per throughput measurement")
    parser.add_argument("--remote-calls", type=int, default=100, help="remote retrieves timed for p50/p99")
    args = parser.parse_args()

    import django

    os.environ.setdefault("STATIC_MANIFEST", "0")
    django.setup()
    from django.conf import settings
    from django.db import connection

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        local = bench_local(args.seconds, args.remote_calls)
        with tempfile.TemporaryDirectory() as tmp:
            remote = bench_remote(args.remote_calls, Path(tmp))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    print(f"database: {connection.vendor}")
    print(f"verify_license          {local['verify']:8.0f} /s   (baseline)")
    print(f"audit append            {local['append']:8.0f} /s")
    print(
        f"gateway retrieve, local {local['retrieve']:8.0f} /s   = {local['retrieve'] / local['verify']:.0%} of verify_license "
        f"({local['retrieve_n']} calls)"
    )
    lm, rm = local["local_ms"], remote["remote_ms"]
    print(
        f"retrieve latency, local   p50 {pct(lm, 0.5):6.1f} ms  p99 {pct(lm, 0.99):6.1f} ms  mean {statistics.mean(lm):6.1f} ms  (n={len(lm)})"
    )
    print(
        f"retrieve latency, remote  p50 {pct(rm, 0.5):6.1f} ms  p99 {pct(rm, 0.99):6.1f} ms  mean {statistics.mean(rm):6.1f} ms  (n={len(rm)}, "
        f"loopback, runserver)"
    )
    print(f"remote / local p50: {pct(rm, 0.5) / pct(lm, 0.5):.1f}x")


if __name__ == "__main__":
    main()
