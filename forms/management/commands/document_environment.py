"""Print whether this machine can render Chinese documents quickly: ``manage.py document_environment``."""

from django.core.management.base import BaseCommand

from forms.documents.fonts import SERIF_FAMILY, environment


class Command(BaseCommand):
    help = "检查文书渲染环境：中文字体与 HarfBuzz 子集化库"

    def handle(self, *args, **options):
        env = environment()
        wanted = [f for f in (SERIF_FAMILY,) if f in env.cjk_families]
        self.stdout.write(
            f"中文字体：{'、'.join(wanted) if wanted else '未找到'}（fontconfig 中共 {len(env.cjk_families)} 个中文字体族）"
        )
        self.stdout.write(
            f"HarfBuzz 子集化：{'可用' if env.harfbuzz_subset else '不可用'}（HarfBuzz {env.harfbuzz_version}）"
        )
        for problem in env.problems:
            self.stderr.write("问题：" + problem)
        if env.problems:
            raise SystemExit(1)
