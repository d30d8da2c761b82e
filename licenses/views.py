"""HTML pages: public verification (mobile-friendly, rate-limited) and the holder's wallet."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET

from licenses.audit import Reader, record_license_reads
from licenses.models import AccessChannel
from licenses.public import public_verification
from licenses.qr import verification_qr_svg
from licenses.seal_export import exportable_version, seal_export
from licenses.selectors import licenses_of_holder, verification_url
from licenses.throttling import throttled_page


@require_GET
def verify_page(request, identifier: str):
    throttled = throttled_page(request)
    if throttled is not None:
        return throttled
    result = public_verification(
        identifier=identifier[:120], code=request.GET.get("c", "")[:20], for_display=True
    )
    return render(request, "licenses/verify.html", {"r": result})


@login_required
def wallet(request):
    base_url = request.build_absolute_uri("/")
    cards, shown = [], []
    for lic in licenses_of_holder(user=request.user):
        version = lic.current_versions[0] if lic.current_versions else None
        if version is None:
            continue
        shown.append(version)
        cards.append(
            {
                "license": lic,
                "version": version,
                "url": verification_url(version),
                "qr": verification_qr_svg(version=version, base_url=base_url),
            }
        )
    record_license_reads(
        reader=Reader(
            channel=AccessChannel.WALLET, user=request.user, purpose=gettext_noop("持证人查看本人证照")
        ),
        versions=shown,
    )
    return render(request, "licenses/wallet.html", {"cards": cards})


@login_required
@require_GET
def seal_download(request, identifier: str):
    """The holder downloads the seal of one of their licenses, to hand to a verifier (logged as a read)."""
    version = exportable_version(user=request.user, identifier=identifier[:120])
    if version is None:
        raise Http404("未找到该证照")
    response = JsonResponse(
        seal_export(version=version, user=request.user),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = (
        f'attachment; filename="seal-{version.license.serial}-{version.version:03d}.json"'
    )
    return response
