"""On PostgreSQL, a trigger refuses UPDATE and DELETE of archive packages (defence in depth:
the application has no such path, this also stops ad-hoc SQL and other clients)."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION archives_package_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '归档信息包一经形成不可修改或删除' USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS archives_package_immutable ON archives_archivepackage;
CREATE TRIGGER archives_package_immutable BEFORE UPDATE OR DELETE ON archives_archivepackage
    FOR EACH ROW EXECUTE FUNCTION archives_package_immutable();
"""
DROP = """
DROP TRIGGER IF EXISTS archives_package_immutable ON archives_archivepackage;
DROP FUNCTION IF EXISTS archives_package_immutable();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("archives", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
