"""Bench: license verifications per second through the service vs the raw crypto verify rate.

For each algorithm (ECDSA-P256, SM2/SM3) it issues a few licenses into a throw-away test database,
then measures, in the same run:
  raw      — signer.verify_with() on the canonical bytes (public key parsed once): the crypto ceiling
  service  — licenses.verification.verify_license(): identifier check, lookup, payload rebuild,
             RFC 8785 canonicalisation, signature, trust, status and validity checks
and prints the service rate as a share of the raw rate. Optionally (--import-rows N) it times the
all-or-nothing bulk import: N rows with one bad row (rejected, nothing written), then N good rows.

    python bench/licenses_verify.py                     # short: ~2 s per measurement
    python bench/licenses_verify.py --seconds 5 --import-rows 10000
Set DATABASE_URL to bench on PostgreSQL (a test database is created and dropped).
"""

import argparse
import csv
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
# a throwaway database: its seal keys get a throwaway key-encryption key (required outside DEBUG)
os.environ.setdefault("SEAL_KEY_ENCRYPTION_KEY", "bench-" + os.urandom(16).hex())


sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import record  # noqa: E402


def rate(fn, seconds: float) -> tuple[float, int]:
    count, start = 0, time.perf_counter()
    deadline = start + seconds
    while time.perf_counter() < deadline:
        for _ in range(20):
            fn()
        count += 20
    return count / (time.perf_counter() - start), count


def setup_licenses(algorithm: str, count: int):
    from catalogs.models import FaceField, LicenseType
    from licenses.sealing import create_seal_key
    from licenses.services import issue_license
    from tests.factories import DepartmentFactory, valid_citizen_id, valid_uscc

    issuer = DepartmentFactory()
    create_seal_key(department=issuer, algorithm=algorithm)
    license_type = LicenseType.objects.create(
        code=valid_uscc() + "001", name="机动车驾驶证", holder_kind="person"
    )
    license_type.issuing_departments.set([issuer])
    for position, (key, label, kind, choices) in enumerate(
        [
            ("name", "姓名", "text", []),
            ("citizen_id", "公民身份号码", "citizen_id", []),
            ("vehicle_class", "准驾车型", "choice", ["A1", "C1"]),
            ("first_issue_date", "初次领证日期", "date", []),
            ("address", "住址", "text", []),
        ]
    ):
        FaceField.objects.create(
            license_type=license_type,
            key=key,
            label=label,
            field_type=kind,
            choices=choices,
            position=position,
        )
    versions = [
        issue_license(
            license_type=license_type,
            issuer=issuer,
            holder_code=valid_citizen_id(),
            holder_name="张三",
            face={
                "vehicle_class": "C1",
                "first_issue_date": "2015-06-01",
                "address": "青海省西宁市城东区八一中路12号",
            },
        )
        for _ in range(count)
    ]
    return issuer, license_type, versions


def bench_verify(algorithm: str, seconds: float, count: int) -> dict:
    import base64
    import itertools

    from licenses.sealing import canonical_bytes
    from licenses.signers import signers
    from licenses.signers.base import forget_verified_signatures
    from licenses.verification import verify_license

    _issuer, _type, versions = setup_licenses(algorithm, count)
    signer = signers[algorithm]
    public = signer.load_public_key(versions[0].seal_key.public_key)
    raw_items = itertools.cycle(
        [(canonical_bytes(v.payload()), base64.b64decode(v.seal_signature)) for v in versions]
    )
    ids = itertools.cycle([(v.identifier, v.license.holder_code) for v in versions])

    def raw():
        data, signature = next(raw_items)
        assert signer.verify_with(public, data, signature)

    def service():  # a repeat verification: its signatures were found valid before (licenses.signers.base)
        identifier, holder = next(ids)
        assert verify_license(identifier=identifier, holder_code=holder).result == "valid"

    def first():  # a first verification: the cache of valid signatures emptied before each
        forget_verified_signatures()
        service()

    # interleaved in ten slices (raw, repeat, first, raw …) so that load from other processes hits all alike
    totals = {"raw": [0, 0.0], "service": [0, 0.0], "first": [0, 0.0]}
    for _ in range(10):
        for label, function in (("raw", raw), ("service", service), ("first", first)):
            slice_rate, slice_n = rate(function, seconds / 10)
            totals[label][0] += slice_n
            totals[label][1] += slice_n / slice_rate
    result = {"algorithm": algorithm}
    for label, (n, spent) in totals.items():
        result[label], result[f"{label}_n"] = n / spent, n
    return result


def bench_import(rows: int) -> dict:
    from licenses.importing import import_licenses, read_dataset
    from licenses.models import ELicense
    from tests.factories import valid_citizen_id

    issuer, license_type, _ = setup_licenses("ecdsa-p256-sha256", 1)
    before = ELicense.objects.count()
    headers = [
        "证照类型代码",
        "持证主体",
        "持证主体代码",
        "证照编号",
        "颁证日期",
        "准驾车型",
        "初次领证日期",
        "住址",
    ]
    data = [
        [
            license_type.code,
            f"持证人{i}",
            valid_citizen_id(),
            f"QH{i:07d}",
            "2024-03-01",
            "C1",
            "2010-05-01",
            "青海省西宁市",
        ]
        for i in range(rows)
    ]
    bad_index = rows * 7 // 9
    good_code = data[bad_index][2]
    data[bad_index][2] = "123"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "import.csv"

        def write():
            with open(path, "w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(headers)
                writer.writerows(data)

        write()
        start = time.perf_counter()
        bad = import_licenses(dataset=read_dataset(path), issuer=issuer)
        bad_seconds = time.perf_counter() - start
        assert ELicense.objects.count() == before and bad.problems[0].line == bad_index + 2, bad.problems[:3]
        data[bad_index][2] = good_code
        write()
        start = time.perf_counter()
        good = import_licenses(dataset=read_dataset(path), issuer=issuer)
        good_seconds = time.perf_counter() - start
    assert good.created == rows and ELicense.objects.count() == before + rows
    return {
        "rows": rows,
        "bad_seconds": bad_seconds,
        "bad_problem": str(bad.problems[0]),
        "good_seconds": good_seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=2.0, help="duration of each measurement (default 2)")
    parser.add_argument("--licenses", type=int, default=50, help="licenses issued per algorithm (default 50)")
    parser.add_argument(
        "--import-rows", type=int, default=0, help="also time a bulk import of N rows (e.g. 10000)"
    )
    args = parser.parse_args()

    import logging

    import django

    django.setup()
    logging.disable(logging.WARNING)
    from django.db import connection

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(
            f"database: {connection.vendor}; {args.seconds:.1f} s per measurement; {args.licenses} licenses per algorithm"
        )
        print(
            f"{'algorithm':<20}{'raw verify/s':>14}{'repeat verify/s':>17}{'repeat/raw':>12}"
            f"{'first verify/s':>16}{'first/raw':>11}"
        )
        for algorithm in ("ecdsa-p256-sha256", "sm2-sm3"):
            r = bench_verify(algorithm, args.seconds, args.licenses)
            repeat, first = r["service"] / r["raw"], r["first"] / r["raw"]
            print(
                f"{algorithm:<20}{r['raw']:>14,.0f}{r['service']:>17,.0f}{repeat:>11.1%}"
                f"{r['first']:>16,.0f}{first:>10.1%}"
            )
            record(
                part=f"license verification, repeat ({algorithm}, {connection.vendor})",
                figure=f"{r['service']:,.0f} verify_license/s",
                floor=f"{r['raw']:,.0f} raw verify/s",
                ratio=repeat,
                goal=(">=", 0.5),
                note=(
                    "the same licenses verified again (each case that uses one, each QR scan): the two "
                    "signatures (seal, sealed status history) were found valid before and are remembered by "
                    "(key, SHA-256 of the bytes, signature); the rows are read, the payload rebuilt and "
                    "canonicalised, trust, key validity, compromise, chain, status and dates checked on every "
                    "call. Two SQL queries (compiled once, licenses.prepared)"
                ),
            )
            record(
                part=f"license verification, first ({algorithm}, {connection.vendor})",
                figure=f"{r['first']:,.0f} verify_license/s",
                floor=f"{r['raw']:,.0f} raw verify/s",
                ratio=first,
                goal=(">=", 0.5),
                note=(
                    f"a license not verified before in this process: two signatures to verify (the seal and "
                    f"the sealed status history's entry), so the ceiling is 0.5× one raw verify; against those "
                    f"two raw verifies it reaches {2 * first:.2f}"
                ),
            )
        if args.import_rows:
            r = bench_import(args.import_rows)
            print(
                f"bulk import, {r['rows']:,} rows, one bad: rejected in {r['bad_seconds']:.1f} s — {r['bad_problem']}"
            )
            print(
                f"bulk import, {r['rows']:,} rows, fixed: imported and sealed in {r['good_seconds']:.1f} s "
                f"({r['rows'] / r['good_seconds']:,.0f} rows/s)"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
