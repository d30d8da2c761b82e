"""Named legal bases (法定依据) under which a license may be read without the holder's consent.

Each is a statute a staff member with the ``licenses.read_under_legal_basis`` permission cites; the
access log records the code, so the holder sees it on their usage record."""

LEGAL_BASES: dict[str, str] = {
    "pipl-13-3": "《个人信息保护法》第十三条第一款第三项：履行法定职责或者法定义务所必需",
    "pipl-13-4": "《个人信息保护法》第十三条第一款第四项：应对突发公共卫生事件或紧急情况下保护生命健康和财产安全",
    "admin-licensing-31": "《行政许可法》第三十一条、第三十二条：行政机关依法核查申请材料",
    "criminal-procedure-54": "《刑事诉讼法》第五十四条：公安机关依法收集、调取证据",
}


def legal_basis_label(code: str) -> str:
    return LEGAL_BASES.get(code, code)
