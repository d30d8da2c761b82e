"""System checks of the license registry (registered in ``LicensesConfig.ready``)."""

from django.conf import settings
from django.core import checks

from licenses.signers.keystore import MISSING_KEK_MESSAGE, has_real_key_encryption_key


@checks.register(checks.Tags.security, deploy=True)
def check_seal_key_encryption_key(app_configs, **kwargs):
    """licenses.E001: production without a real key-encryption key for the seal keys (``check --deploy``)."""
    if has_real_key_encryption_key():
        return []
    return [
        checks.Error(
            MISSING_KEK_MESSAGE,
            hint="例如：python -c 'import secrets; print(secrets.token_urlsafe(48))'",
            id="licenses.E001",
        )
    ]


@checks.register(checks.Tags.security, deploy=True)
def check_audit_checkpoints(app_configs, **kwargs):
    """licenses.W002: without signed checkpoints a cut tail or a recomputed chain goes unnoticed."""

    if getattr(settings, "AUDIT_CHECKPOINT_DIR", ""):
        return []
    return [
        checks.Warning(
            "未设置 AUDIT_CHECKPOINT_DIR：用证记录哈希链没有库外的签名检查点，末尾截断、清空或整体重算无法发现",
            hint="设为数据库无法改写的存储上的目录（见 docs/sharing.md）",
            id="licenses.W002",
        )
    ]
