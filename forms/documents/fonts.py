"""The rendering environment: a CJK font must be present and HarfBuzz's subsetter should be.

Without a CJK font WeasyPrint silently draws empty boxes, so rendering refuses with a clear error.
Without libharfbuzz-subset0 WeasyPrint falls back to fontTools, about 50× slower for a CJK font
(~9.5 s instead of ~0.18 s per page) and only logs a warning — ``environment_report`` says so,
the ``document_environment`` command prints it and a warning is logged once per process.
One ``FontConfiguration`` is shared per process (it caches the font files WeasyPrint loads).
"""

import functools
import logging
import shutil
import subprocess
from dataclasses import dataclass

from forms.errors import RenderingUnavailable

logger = logging.getLogger("forms.documents")

SERIF_FAMILY = "Noto Serif CJK SC"


@dataclass(frozen=True)
class Environment:
    cjk_families: tuple[str, ...]
    harfbuzz_subset: bool
    harfbuzz_version: str

    @property
    def has_cjk_font(self) -> bool:
        return bool(self.cjk_families)

    @property
    def problems(self) -> list[str]:
        problems = []
        if not self.has_cjk_font:
            problems.append(
                "未找到中文字体（fontconfig 中没有 lang=zh 的字体）：请安装 fonts-noto-cjk（scripts/system-deps.sh）"
            )
        if not self.harfbuzz_subset:
            problems.append(
                "未找到 libharfbuzz-subset0（HarfBuzz 4.1 以上）：WeasyPrint 将改用 fontTools 子集化中文字体，"
                "每页约慢 50 倍；请安装 libharfbuzz-subset0"
            )
        return problems


def cjk_font_families() -> tuple[str, ...]:
    """Font families fontconfig offers for Chinese (``fc-list :lang=zh family``)."""
    if shutil.which("fc-list") is None:
        return ()
    output = subprocess.run(
        ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=30
    ).stdout
    families = {name.strip() for line in output.splitlines() for name in line.split(",") if name.strip()}
    return tuple(sorted(families))


def harfbuzz_subset_status() -> tuple[bool, str]:
    # lazy, not a cycle: weasyprint takes about 2 s to import, and only this needs it
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    recent = bool(harfbuzz.hb_version_atleast(4, 1, 0))
    return bool(harfbuzz_subset) and recent, ">= 4.1.0" if recent else "< 4.1.0"


@functools.cache
def environment() -> Environment:
    subset, version = harfbuzz_subset_status()
    env = Environment(cjk_families=cjk_font_families(), harfbuzz_subset=subset, harfbuzz_version=version)
    for problem in env.problems:
        logger.warning("documents.environment %s", problem)
    return env


def require_cjk_font() -> None:
    env = environment()
    if SERIF_FAMILY not in env.cjk_families:
        if not env.has_cjk_font:
            raise RenderingUnavailable("无法生成中文文书：系统中没有中文字体，请安装 fonts-noto-cjk 后重试")
        raise RenderingUnavailable(
            f"无法生成中文文书：缺少文书所用字体“{SERIF_FAMILY}”，请安装 fonts-noto-cjk 后重试"
        )


@functools.cache
def font_config():
    """The process-wide FontConfiguration (creating one per document costs time and memory)."""
    # lazy, not a cycle: weasyprint takes about 2 s to import, and only this needs it
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()
