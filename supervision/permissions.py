"""The auditor (监管人员) sees every department's statistics and manages nobody's; department heads are marked
with a DepartmentHead row (admin) and see their own department only (supervision.scope)."""

ROLE_PERMISSIONS = {
    "auditor": ["supervision.view_all_statistics", "supervision.view_departmenthead"],
}
