"""Benchmark: import N service-item rows from a spreadsheet, against a plain bulk_create baseline.

    python bench/catalog_import.py            # 10,000 rows (the issue's figure)
    python bench/catalog_import.py --quick    # 1,000 rows
    DATABASE_URL=postgres://... python bench/catalog_import.py

Without DATABASE_URL it migrates a throwaway SQLite file (a given database is migrated too). Every measurement runs in a
transaction that is rolled back, so it leaves no data behind, even on PostgreSQL.

Measured, for the same rows in the same run:
  * XLSX import through catalogs.importing.import_catalog (read, validate, look up, write);
  * the same file imported again (every row found unchanged and skipped);
  * CSV import of the same rows;
  * baseline: ServiceItem.objects.bulk_create of the same rows, lookups from an in-memory dict,
    no validation — the floor any importer is measured against.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")


class Rollback(Exception):
    pass


def timed(fn):
    from django.db import transaction

    result = {}
    try:
        with transaction.atomic():
            start = time.perf_counter()
            result["value"] = fn()
            result["seconds"] = time.perf_counter() - start
            raise Rollback
    except Rollback:
        pass
    return result["seconds"], result.get("value")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--quick", action="store_true", help="1,000 rows")
    parser.add_argument("--departments", type=int, default=50)
    parser.add_argument("--license-types", type=int, default=30)
    args = parser.parse_args()
    rows_wanted = 1_000 if args.quick else args.rows

    tmp = None
    if "DATABASE_URL" not in os.environ:
        tmp = tempfile.NamedTemporaryFile(suffix=".sqlite3", delete=False)
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp.name}"

    import django

    django.setup()
    import logging

    logging.disable(logging.INFO)
    from django.core.management import call_command
    from django.db import connection
    from stdnum.cn import uscc

    from catalogs.importing import import_catalog
    from catalogs.models import Department, LicenseType, Region, ServiceItem
    from catalogs.resources import ServiceItemResource
    from catalogs.workbooks import Sheet, write_csv, write_xlsx

    call_command("migrate", verbosity=0)  # a throwaway SQLite file, or bring the given database up to date

    def make_uscc(serial: int) -> str:
        body = f"11639900{serial:09d}"
        return body + uscc.calc_check_digit(body)

    # prerequisites, committed (removed at the end)
    region, _ = Region.objects.get_or_create(code="639900", defaults={"name": "基准测试区"})
    departments = [
        Department.objects.get_or_create(
            uscc=make_uscc(900_000 + n), defaults={"name": f"基准部门{n}", "region": region}
        )[0]
        for n in range(args.departments)
    ]
    license_types = [
        LicenseType.objects.get_or_create(
            code=make_uscc(950_000 + n) + "001", defaults={"name": f"基准证照{n}", "holder_kind": "person"}
        )[0]
        for n in range(args.license_types)
    ]

    headers = ServiceItemResource.columns()[:11]
    rows = []
    for n in range(rows_wanted):
        department = departments[n % len(departments)]
        license_type = license_types[n % len(license_types)] if n % 3 == 0 else None
        rows.append(
            [
                f"639900-BENCH-{n:06d}",
                1,
                f"基准事项{n}",
                department.uscc,
                "公共服务",
                "自然人",
                1 + n % 20,
                "《基准测试依据》",
                f"{n % 100}.50",
                license_type.code if license_type else "",
                30,
            ]
        )
    sheet = Sheet(title="政务服务事项", headers=headers, rows=rows, row_numbers=list(range(2, len(rows) + 2)))
    xlsx, csv = write_xlsx([sheet]), write_csv(sheet)

    def import_twice():
        first = time.perf_counter()
        report = import_catalog(data=xlsx, filename="bench.xlsx")
        assert report.count("new") == rows_wanted, report.summary()
        first = time.perf_counter() - first
        again = time.perf_counter()
        report = import_catalog(data=xlsx, filename="bench.xlsx")
        assert report.count("unchanged") == rows_wanted, report.summary()
        return first, time.perf_counter() - again

    def import_csv():
        report = import_catalog(data=csv, filename="bench.csv")
        assert report.count("new") == rows_wanted

    def baseline():
        by_uscc = {d.uscc: d for d in departments}
        by_code = {t.code: t for t in license_types}
        ServiceItem.objects.bulk_create(
            [
                ServiceItem(
                    code=r[0],
                    version=r[1],
                    name=r[2],
                    department=by_uscc[r[3]],
                    kind="public_service",
                    applicant_kind="person",
                    promised_days=r[6],
                    legal_basis=r[7],
                    fee=r[8],
                    issues_license_type=by_code.get(r[9]),
                    retention_years=r[10],
                )
                for r in rows
            ],
            batch_size=1000,
        )

    baseline_s, _ = timed(baseline)
    _, (xlsx_s, again_s) = timed(import_twice)
    csv_s, _ = timed(import_csv)

    Department.objects.filter(pk__in=[d.pk for d in departments]).delete()
    LicenseType.objects.filter(pk__in=[t.pk for t in license_types]).delete()
    region.delete()
    if tmp is not None:
        Path(tmp.name).unlink(missing_ok=True)

    print(
        f"数据库 {connection.vendor}，{rows_wanted} 行政务服务事项（{args.departments} 个部门，{args.license_types} 种证照）"
    )
    print(f"{'':28}{'秒':>9}{'行/秒':>11}{'相对基线':>10}")
    for label, seconds in (
        ("基线：bulk_create（无校验）", baseline_s),
        ("XLSX 导入（新增）", xlsx_s),
        ("XLSX 再次导入（全部未变）", again_s),
        ("CSV 导入（新增）", csv_s),
    ):
        print(f"{label:28}{seconds:9.2f}{rows_wanted / seconds:11.0f}{seconds / baseline_s:9.1f}×")


if __name__ == "__main__":
    main()
