"""System checks of the license registry (registered in ``LicensesConfig.ready``)."""

from django.core import checks

from licenses.signers.keystore import MISSING_KEK_MESSAGE, has_real_key_encryption_key


@checks.register(checks.Tags.security, deploy=True)
def check_seal_key_encryption_key(app_configs, **kwargs):
    """licenses.E001: production without a real key-encryption key for the seal keys (``check --deploy``)."""
    if has_real_key_encryption_key():
        return []
    return [checks.Error(MISSING_KEK_MESSAGE, hint="例如：python -c 'import secrets; print(secrets.token_urlsafe(48))'",
                         id="licenses.E001")]
