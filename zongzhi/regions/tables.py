from zongzhi.utilities.tables import Column, Table

from .choices import KIND_COLORS
from .models import Region

region_table = Table(
    Region,
    [
        Column("code", link=True, order_by="code"),
        Column("name", link=True),
        Column("level"),
        Column("kind", colors=KIND_COLORS),
        Column("parent"),
        Column("administered_by"),
    ],
    select_related=("parent", "administered_by"),
)
