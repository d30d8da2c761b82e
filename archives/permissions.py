"""What each role may do with the archive: read only (there is no change or delete permission to grant)."""

ROLE_PERMISSIONS = {
    "auditor": ["archives.view_archivepackage", "archives.view_checkrun"],
    "handler": ["archives.view_archivepackage"],
}
