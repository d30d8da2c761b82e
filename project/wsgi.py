import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
application = get_wsgi_application()

# refuse to serve without a real key-encryption key for the seal keys (outside DEBUG): a clear start-up error
# rather than seals encrypted under the published development constant
from licenses.signers.keystore import ensure_key_encryption_key  # noqa: E402

ensure_key_encryption_key()
