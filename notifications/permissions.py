"""What each role may do with notifications (collected by accounts.roles.sync_roles): the auditor sees the
messages and their deliveries in the admin (who was told what, and whether it arrived)."""

ROLE_PERMISSIONS = {
    "auditor": ["notifications.view_message", "notifications.view_delivery"],
}
