"""The documentation stays true to the code it describes."""

from pathlib import Path

from django.conf import settings

from zongzhi.users.roles import ROLES

DOCS = Path(settings.BASE_DIR) / "docs"


def test_roles_page_lists_every_role_and_every_write_it_grants():
    rows = {line.split("(`")[1].split("`)")[0]: line for line in (DOCS / "roles.md").read_text().splitlines()
            if line.startswith("| ") and "(`" in line}
    assert set(rows) == set(ROLES)
    for code, role in ROLES.items():
        for label, actions in role.perms.items():
            if actions != {"view"}:
                assert f"`{label}`" in rows[code], f"docs/roles.md: {code} may write {label}"
