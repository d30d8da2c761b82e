"""Seal the status history written before 0005: number each license's changes, chain and sign them with the
issuer's newest key that is not compromised (the same payload as ``licenses.services.history``). Needs the
key-encryption key when there are rows to seal; a license whose issuer has no usable key stays unsealed and
fails ``status_history`` until an issuer acts on it (docs/licenses.md)."""

import base64
import hashlib

import rfc8785
from django.db import migrations

GENESIS = "0" * 64


def seal_existing(apps, schema_editor):
    from datetime import UTC

    from licenses.signers import signers as algorithms
    from licenses.signers.keystore import decrypt_private_key

    StatusChange = apps.get_model("licenses", "StatusChange")
    SealKey = apps.get_model("licenses", "SealKey")
    pending = StatusChange.objects.filter(seq__isnull=True)
    if not pending.exists():
        return
    signers = {}

    def signer_for(department_id):
        if department_id not in signers:
            key = (SealKey.objects.filter(department_id=department_id).exclude(state="compromised")
                   .exclude(private_key_encrypted="").order_by("-valid_from", "-id").first())
            if key is None:
                signers[department_id] = None
            else:
                signer = algorithms[key.algorithm]
                private = signer.load_private_key(decrypt_private_key(key.private_key_encrypted, key_id=key.key_id))
                signers[department_id] = (key, signer, private)
        return signers[department_id]

    license_ids = pending.values_list("license_id", flat=True).distinct()
    for license_id in list(license_ids):
        changes = list(StatusChange.objects.filter(license_id=license_id)
                       .select_related("license__license_type", "license__issuer", "version").order_by("at", "id"))
        prev = GENESIS
        for seq, change in enumerate(changes, start=1):
            lic = change.license
            change.seq, change.prev_hash = seq, prev
            payload = {
                "license": {"type_code": lic.license_type.code, "issuer_code": lic.issuer.uscc, "serial": lic.serial},
                "seq": seq, "version": change.version.identifier if change.version_id else "", "action": change.action,
                "from_status": change.from_status, "to_status": change.to_status,
                "at": change.at.astimezone(UTC).isoformat(timespec="microseconds"), "prev": prev,
            }
            sealing = signer_for(lic.issuer_id)
            if sealing is not None:
                key, signer, private = sealing
                change.seal_key_id = key.pk
                change.seal_signature = base64.b64encode(signer.sign_with(private, rfc8785.dumps(payload))).decode("ascii")
            change.save(update_fields=["seq", "prev_hash", "seal_key", "seal_signature"])
            prev = hashlib.sha256(rfc8785.dumps(payload)).hexdigest()


class Migration(migrations.Migration):

    dependencies = [("licenses", "0005_sealed_status_history")]

    operations = [migrations.RunPython(seal_existing, migrations.RunPython.noop)]
