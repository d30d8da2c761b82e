"""真实性: the seal is valid, every file's hash matches the manifest, metadata values are in their domains."""

from datetime import date, datetime

from archives import manifest as layout
from archives.checks.base import CheckItem, PackageUnderCheck, checks
from archives.sealing import verify_manifest_seal
from catalogs.identifiers import HOLDER_CODE_TYPES, check_uscc

A = "authenticity"


def _seal(pkg: PackageUnderCheck) -> list[CheckItem]:
    if pkg.manifest is None or pkg.seal_document is None:
        return [
            CheckItem(
                A, "seal-invalid", False, f"无法核验签章：{pkg.manifest_error or pkg.seal_error}", layout.SEAL
            )
        ]
    seal = pkg.seal_document.get("seal")
    if pkg.seal_document.get("signed") != layout.MANIFEST or not isinstance(seal, dict):
        return [CheckItem(A, "seal-invalid", False, "seal.json 未指明对 manifest.json 的签章", layout.SEAL)]
    outcome = verify_manifest_seal(manifest=pkg.manifest, seal=seal)
    items = [
        CheckItem(
            A,
            "seal-valid" if outcome.ok else "seal-invalid",
            outcome.ok,
            f"归档部门签章：{outcome.message}（{outcome.code}，密钥 {outcome.key_id or '未知'}）",
            layout.SEAL,
        )
    ]
    archiver = (
        (pkg.manifest.get("archiving_department") or {}).get("uscc")
        if isinstance(pkg.manifest.get("archiving_department"), dict)
        else None
    )
    if outcome.ok and seal.get("issuer_uscc") != archiver:
        items.append(
            CheckItem(A, "seal-issuer-mismatch", False, "签章部门与清单中的归档部门不一致", layout.SEAL)
        )
    return items


def _hashes(pkg: PackageUnderCheck) -> list[CheckItem]:
    items = []
    for entry in pkg.entries:
        path = entry.get("path")
        if not isinstance(path, str) or path not in pkg.present:
            continue  # reported by integrity
        content = pkg.content(path)
        if layout.sha256(content) != entry.get("sha256"):
            items.append(
                CheckItem(A, "hash-mismatch", False, "文件的 SHA-256 与清单记录不符：文件已被修改", path)
            )
        elif len(content) != entry.get("size"):
            items.append(CheckItem(A, "size-mismatch", False, "文件大小与清单记录不符", path))
        else:
            items.append(CheckItem(A, "hash-match", True, "SHA-256 与清单一致", path))
    return items


def _is_datetime(value) -> bool:
    try:
        return isinstance(value, str) and datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False


def _is_date(value) -> bool:
    try:
        return isinstance(value, str) and bool(date.fromisoformat(value))
    except ValueError:
        return False


def _is_uscc(value) -> bool:
    try:
        check_uscc(value)
        return True
    except Exception:
        return False


def _domain_problems(m: dict) -> list[tuple[str, str]]:
    """(field, problem) for every manifest value outside its domain."""
    problems = []

    def need(ok: bool, name: str, what: str) -> None:
        if not ok:
            problems.append((name, what))

    need(m.get("format") == layout.FORMAT, "format", f"应为 {layout.FORMAT}")
    need(
        isinstance(m.get("package_id"), str) and bool(layout.PACKAGE_ID_RE.match(m.get("package_id", ""))),
        "package_id",
        "档号格式错误",
    )
    need(_is_datetime(m.get("created_at")), "created_at", "应为带时区的 ISO 8601 时间")
    dept = m.get("archiving_department") if isinstance(m.get("archiving_department"), dict) else {}
    need(_is_uscc(dept.get("uscc")), "archiving_department.uscc", "不是有效的统一社会信用代码")
    case = m.get("case") if isinstance(m.get("case"), dict) else {}
    need(
        isinstance(case.get("number"), str) and bool(layout.CASE_NUMBER_RE.match(case.get("number", ""))),
        "case.number",
        "办件编号格式错误",
    )
    item = case.get("service_item") if isinstance(case.get("service_item"), dict) else {}
    need(
        isinstance(item.get("version"), int)
        and not isinstance(item.get("version"), bool)
        and item.get("version", 0) >= 1,
        "case.service_item.version",
        "应为正整数",
    )
    need(isinstance(item.get("code"), str) and bool(item.get("code")), "case.service_item.code", "不能为空")
    need(
        _is_uscc(
            (case.get("department") or {}).get("uscc") if isinstance(case.get("department"), dict) else None
        ),
        "case.department.uscc",
        "不是有效的统一社会信用代码",
    )
    need(
        case.get("decision") in layout.DECISIONS,
        "case.decision",
        f"应为 {'、'.join(sorted(layout.DECISIONS))} 之一",
    )
    submitted, decided = case.get("submitted_at"), case.get("decided_at")
    need(_is_datetime(submitted), "case.submitted_at", "应为带时区的 ISO 8601 时间")
    need(_is_datetime(decided), "case.decided_at", "应为带时区的 ISO 8601 时间")
    if _is_datetime(submitted) and _is_datetime(decided):
        need(
            datetime.fromisoformat(submitted) <= datetime.fromisoformat(decided),
            "case.decided_at",
            "办结时间早于申请时间",
        )
    applicant = m.get("applicant") if isinstance(m.get("applicant"), dict) else {}
    need(applicant.get("code_type") in HOLDER_CODE_TYPES, "applicant.code_type", "应为 111 或 001")
    need("*" in str(applicant.get("code_masked", "*")), "applicant.code_masked", "明文区不得出现完整证件号码")
    protected = applicant.get("protected") if isinstance(applicant.get("protected"), dict) else {}
    need(
        protected.get("scheme") == "fernet" and isinstance(protected.get("ciphertext"), str),
        "applicant.protected",
        "受保护字段缺失或格式错误",
    )
    retention = m.get("retention") if isinstance(m.get("retention"), dict) else {}
    years = retention.get("years")
    need(
        isinstance(years, int) and not isinstance(years, bool) and 0 <= years <= 100,
        "retention.years",
        "保管期限应为 0（永久）至 100 年",
    )
    if isinstance(years, int) and _is_datetime(decided):
        expected = layout.retention_until(decided_on=datetime.fromisoformat(decided).date(), years=years)
        need(
            retention.get("until") == (expected.isoformat() if expected else None),
            "retention.until",
            "保管期满日期与保管期限不符",
        )
    for index, entry in enumerate(m.get("files") if isinstance(m.get("files"), list) else []):
        name = f"files[{index}]"
        if not isinstance(entry, dict):
            problems.append((name, "应为对象"))
            continue
        need(
            isinstance(entry.get("sha256"), str) and bool(layout.SHA256_RE.match(entry.get("sha256", ""))),
            f"{name}.sha256",
            "应为64位小写十六进制",
        )
        need(
            isinstance(entry.get("size"), int) and entry.get("size", -1) >= 0, f"{name}.size", "应为非负整数"
        )
        need(entry.get("media_type") in layout.MEDIA_TYPES, f"{name}.media_type", "不是允许的文件类型")
        need(entry.get("role") in layout.FILE_ROLES, f"{name}.role", "不是已知的文件角色")
    return problems


@checks.register("authenticity", label="真实性")
def run(pkg: PackageUnderCheck) -> list[CheckItem]:
    items = _seal(pkg) + _hashes(pkg)
    if pkg.manifest is not None:
        problems = _domain_problems(pkg.manifest)
        items += [
            CheckItem(A, "metadata-domain", False, f"元数据 {name} 取值不在值域内：{what}", layout.MANIFEST)
            for name, what in problems
        ]
        if not problems:
            items.append(CheckItem(A, "metadata-domain", True, "元数据取值均在值域内", layout.MANIFEST))
    if pkg.expected is not None and pkg.manifest_bytes is not None:
        same = layout.sha256(pkg.manifest_bytes) == pkg.expected.manifest_sha256
        items.append(
            CheckItem(
                A,
                "manifest-registered" if same else "manifest-changed",
                same,
                "清单与归档登记一致" if same else "清单与归档登记时的 SHA-256 不符：清单已被修改",
                layout.MANIFEST,
            )
        )
    return items
