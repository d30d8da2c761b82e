"""完整性: every listed file exists and nothing extra, mandatory metadata present, counts match."""

from collections import Counter

from archives import manifest as layout
from archives.checks.base import CheckItem, PackageUnderCheck, checks

INTEGRITY = "integrity"


@checks.register("integrity", label="完整性")
def run(pkg: PackageUnderCheck) -> list[CheckItem]:
    items: list[CheckItem] = []
    if layout.SEAL not in pkg.present:
        items.append(CheckItem(INTEGRITY, "missing-file", False, "缺少签章文件 seal.json", layout.SEAL))
    if pkg.manifest is None:
        items.append(
            CheckItem(
                INTEGRITY,
                "manifest-missing" if pkg.manifest_bytes is None else "manifest-unreadable",
                False,
                f"无法读取清单：{pkg.manifest_error}",
                layout.MANIFEST,
            )
        )
        return items
    missing_keys = sorted(layout.MANDATORY - set(pkg.manifest))
    case = pkg.manifest.get("case") if isinstance(pkg.manifest.get("case"), dict) else {}
    missing_keys += [f"case.{k}" for k in sorted(layout.MANDATORY_CASE - set(case))]
    for key in missing_keys:
        items.append(
            CheckItem(INTEGRITY, "mandatory-metadata", False, f"缺少必备元数据 {key}", layout.MANIFEST)
        )
    listed = [e.get("path") for e in pkg.entries]
    for path, count in Counter(listed).items():
        if count > 1:
            items.append(
                CheckItem(INTEGRITY, "duplicate-entry", False, f"清单中重复登记 {count} 次", str(path))
            )
    for path in listed:
        if path not in pkg.present:
            items.append(CheckItem(INTEGRITY, "missing-file", False, "清单中登记的文件不存在", str(path)))
    for path in sorted(pkg.present - set(listed) - layout.CONTROL_FILES):
        items.append(CheckItem(INTEGRITY, "extra-file", False, "信息包中有清单未登记的文件", path))
    counts = pkg.manifest.get("counts") if isinstance(pkg.manifest.get("counts"), dict) else {}
    roles = Counter(str(e.get("role", "")) for e in pkg.entries)
    actual = {
        "files": len(pkg.entries),
        "documents": sum(n for role, n in roles.items() if role.startswith("document:")),
        "licenses": roles["license-snapshot"],
    }
    for name, value in actual.items():
        if counts.get(name) != value:
            items.append(
                CheckItem(
                    INTEGRITY,
                    "count-mismatch",
                    False,
                    f"清单 counts.{name} 为 {counts.get(name)}，实际为 {value}",
                    layout.MANIFEST,
                )
            )
    snapshots = {e.get("identifier") for e in pkg.entries if e.get("role") == "license-snapshot"}
    reports = {e.get("identifier") for e in pkg.entries if e.get("role") == "verification-report"}
    for identifier in sorted(str(i) for i in snapshots ^ reports):
        items.append(
            CheckItem(
                INTEGRITY,
                "verification-report-missing",
                False,
                f"证照 {identifier} 缺少快照或核验报告",
                layout.MANIFEST,
            )
        )
    if pkg.expected is not None and pkg.expected.file_count != len(pkg.present):
        items.append(
            CheckItem(
                INTEGRITY,
                "count-mismatch",
                False,
                f"归档登记的文件数为 {pkg.expected.file_count}，存储中实际为 {len(pkg.present)}",
                "",
            )
        )
    if not items:
        items.append(
            CheckItem(
                INTEGRITY, "complete", True, f"{len(listed)} 个文件齐全，无多余文件，必备元数据完整", ""
            )
        )
    return items
