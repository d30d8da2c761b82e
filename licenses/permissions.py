"""What each role may do with e-licenses (collected by accounts.roles.sync_roles)."""

ROLE_PERMISSIONS = {
    "issuer": [
        "licenses.view_elicense",
        "licenses.issue_elicense",
        "licenses.manage_status_elicense",
        "licenses.import_elicense",
        "licenses.view_licenseversion",
        "licenses.view_statuschange",
        "licenses.view_sealkey",
        "licenses.change_sealkey",
    ],
    "auditor": [
        "licenses.view_elicense",
        "licenses.view_licenseversion",
        "licenses.view_statuschange",
        "licenses.view_sealkey",
        "licenses.view_accesslogentry",
        "licenses.view_consent",
        "licenses.view_partnernode",
        "licenses.view_partnerkey",
    ],
    # window handlers read a case's licenses through the gateway, under the applicant's consent
    "handler": ["licenses.use_gateway", "licenses.view_consent"],
}
