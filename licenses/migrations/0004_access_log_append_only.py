"""On PostgreSQL, a trigger refuses UPDATE and DELETE on the access log, so not even a direct SQL
session of the application's database user can rewrite history (TRUNCATE stays possible for the
test runner's flush; it needs table ownership, which a production app user should not have). SQLite has no such
trigger here; the application guards and ``audit_verify`` still hold there."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION licenses_access_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '用证记录只能追加，不可修改或删除（%）', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER licenses_access_log_no_update_delete
    BEFORE UPDATE OR DELETE ON licenses_accesslogentry
    FOR EACH ROW EXECUTE FUNCTION licenses_access_log_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS licenses_access_log_no_update_delete ON licenses_accesslogentry;
DROP FUNCTION IF EXISTS licenses_access_log_append_only();
"""


def _on_postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)  # no placeholders: RAISE uses a literal %

    return run


class Migration(migrations.Migration):
    dependencies = [("licenses", "0003_sharing")]

    operations = [migrations.RunPython(_on_postgres(CREATE), _on_postgres(DROP))]
