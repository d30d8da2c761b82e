"""Public pages of the published lists (发证清单, 用证清单) and their downloads. Drafts never appear."""

import tablib
from django.http import Http404, HttpResponse
from django.shortcuts import render

from catalogs import selectors

DOWNLOAD_FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _download(rows: list[dict], headers: list[str], filename: str, fmt: str) -> HttpResponse:
    if fmt not in DOWNLOAD_FORMATS:
        raise Http404("不支持的下载格式")
    data = tablib.Dataset(headers=headers)
    for row in rows:
        data.append([row[h] for h in headers])
    body = data.export(fmt)
    if fmt == "csv":
        body = "\ufeff" + body  # BOM so that Excel opens the Chinese text correctly
    response = HttpResponse(body, content_type=DOWNLOAD_FORMATS[fmt])
    response["Content-Disposition"] = f"attachment; filename={filename}.{fmt}"
    return response


ISSUING_HEADERS = ["部门", "统一社会信用代码", "行政区划", "证照类型代码", "证照名称", "持证主体", "有效期"]
USAGE_HEADERS = [
    "事项编码",
    "事项名称",
    "版本",
    "实施部门",
    "材料",
    "证照类型代码",
    "提交方式",
    "必要",
    "备注",
]


def issuing_list(request):
    return render(request, "catalogs/issuing_list.html", {"departments": selectors.issuing_departments()})


def issuing_download(request, fmt: str):
    return _download(selectors.issuing_rows(), ISSUING_HEADERS, "issuing-list", fmt)


def usage_list(request):
    query = request.GET.get("q", "").strip()[:50]
    items = selectors.public_service_items()
    if query:
        items = items.filter(name__icontains=query) | items.filter(code__icontains=query)
    return render(request, "catalogs/usage_list.html", {"items": items, "q": query})


def usage_download(request, fmt: str):
    return _download(selectors.usage_rows(), USAGE_HEADERS, "usage-list", fmt)


def service_item_detail(request, code: str):
    item = selectors.public_service_item(code=code)
    if item is None:
        raise Http404("事项不存在或尚未发布")
    return render(request, "catalogs/service_item_detail.html", {"item": item})
