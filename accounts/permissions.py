"""The auditor reads across departments by one declared permission, not by a check of the group's name."""

ROLE_PERMISSIONS = {
    "auditor": ["accounts.audit_all"],
}
