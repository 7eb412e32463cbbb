"""manage.py demo_logins --url URL: where to open the demo and one login per role."""

import unicodedata

from django.core.management.base import BaseCommand
from django.utils import translation

from zongzhi.demo import data
from zongzhi.demo.county import login_rows
from zongzhi.users.roles import ROLES


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def table(rows: list[list[str]]) -> str:
    widths = [max(width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell + " " * (w - width(cell)) for cell, w in zip(row, widths, strict=True)).rstrip()
                     for row in rows)


class Command(BaseCommand):
    help = "Print the URL of the demo and its logins (one per role)."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/", help="Where the server listens.")

    def handle(self, *args, url, **options):
        logins = login_rows()
        if not logins:
            self.stdout.write("No demo logins yet: run manage.py build_demo first.")
            return
        with translation.override("zh-hans"):
            rows = [["角色 role", "用户名 username", "密码 password", "单位 agency"]]
            rows += [[str(ROLES[role].label) if role else "系统管理员", username, data.PASSWORD,
                      agency.name if agency else "—"] for role, username, agency in logins]
        self.stdout.write(f"\n综执通 zongzhi demo: {url}\n\n{table(rows)}\n\n"
                          "演示密码仅供本机演示，部署前请修改。 The demo password is for a local demo only.\n")
