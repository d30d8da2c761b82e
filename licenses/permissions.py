"""What each role may do with e-licenses (collected by accounts.roles.sync_roles)."""

ROLE_PERMISSIONS = {
    "issuer": [
        "licenses.view_elicense", "licenses.issue_elicense", "licenses.manage_status_elicense", "licenses.import_elicense",
        "licenses.view_licenseversion", "licenses.view_statuschange", "licenses.view_sealkey", "licenses.change_sealkey",
    ],
    "auditor": ["licenses.view_elicense", "licenses.view_licenseversion", "licenses.view_statuschange", "licenses.view_sealkey"],
}
