"""The demo county's fixed facts: 襄城县 (411025), its county bodies, name parts and the demo logins.

Everything here is invented except the division codes and names (国家统计局 2023) and the shape of the
county's administration. Phone numbers follow an obviously fake pattern (0374-7000xxx).
"""

import datetime

from zongzhi.agencies.choices import AgencyKind
from zongzhi.users import roles

COUNTY_CODE = "411025"
COUNTY = "襄城县"
PASSWORD = "zongzhi2026"
ISSUER = "河南省人民政府"
# Dates are fixed, never "today", so every run builds the same rows; this is when revoked certificates were revoked.
REVOKED_ON = datetime.date(2026, 6, 30)
SEED = 411025
CERTIFICATE_DAYS = 1826  # five years

# The six domains of seed 000 and market supervision, in display order.
DOMAINS = [
    ("agriculture", "农业农村"),
    ("ecology", "生态环境"),
    ("urban", "城市管理"),
    ("water", "水利"),
    ("natural_resources", "自然资源"),
    ("culture", "文化广电"),
    ("market", "市场监管"),
]
TOWNSHIP_DOMAINS = ["agriculture", "ecology", "urban", "water", "natural_resources", "culture"]

GOVERNMENT = "襄城县人民政府"
JUSTICE_BUREAU = "襄城县司法局"
# (name, kind, domain code or None, whether a confirmed enforcement body, officers it gets)
COUNTY_BODIES = [
    (JUSTICE_BUREAU, AgencyKind.JUSTICE_BUREAU, None, True, 5),
    ("襄城县农业农村局", AgencyKind.COUNTY_DEPARTMENT, "agriculture", True, 5),
    ("许昌市生态环境局襄城分局", AgencyKind.COUNTY_DEPARTMENT, "ecology", True, 5),
    ("襄城县城市管理局", AgencyKind.COUNTY_DEPARTMENT, "urban", True, 5),
    ("襄城县水利局", AgencyKind.COUNTY_DEPARTMENT, "water", True, 5),
    ("襄城县自然资源局", AgencyKind.COUNTY_DEPARTMENT, "natural_resources", True, 5),
    ("襄城县文化广电和旅游局", AgencyKind.COUNTY_DEPARTMENT, "culture", True, 5),
    ("襄城县市场监督管理局", AgencyKind.COUNTY_DEPARTMENT, "market", True, 0),
    ("襄城县公安局", AgencyKind.POLICE, None, False, 0),
    ("襄城县人民检察院", AgencyKind.PROCURATORATE, None, False, 0),
    ("襄城县人民法院", AgencyKind.COURT, None, False, 0),
]

# Squad size by township kind (街道 are larger); the last post of every squad is an auxiliary.
SQUAD_SIZE = {"subdistrict": 9, "town": 7, "township": 6}
SQUAD_POSTS = ["队长", "副队长", "法制审核员"]
SQUAD_MEMBER = "执法队员"
DEPARTMENT_POSTS = ["执法大队长", "法规股股长", "执法人员", "执法人员", "执法人员"]
BUREAU_POSTS = ["副局长", "行政执法协调监督股股长", "行政执法监督员", "行政执法监督员", "行政执法监督员"]
AUXILIARY_POST = "辅助执法人员"
REVOKE_REASONS = {"retired": "退休，证件收回", "transferred": "调离执法岗位，证件收回", "left": "离职，证件收回"}

SURNAMES = list("王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
                "姚卢姜崔钟谭陆汪范金石廖贾夏付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶贺顾毛郝龚邵万钱严武戴孔汤")
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红兰建文辉力凤燕梅鹏飞志宏海波晓东亮林"
             "新春雪佳婷宁欣晨阳瑞浩然博宇鑫彤璐卫国庆松柏振峰")
ROADS = ["人民路", "文化路", "建设路", "紫云大道", "育才路", "颍河路", "北大街", "新华路", "汝河路", "八七路"]

# The township where the township logins work: 颍桥回族镇.
DEMO_TOWNSHIP = "411025101"

# username, role (None: superuser), which agency ("county", a county body's name, or a township body)
LOGINS = [
    ("admin", None, None),
    ("bureau", roles.JUSTICE_BUREAU, JUSTICE_BUREAU),
    ("dept", roles.DEPARTMENT_LIAISON, "襄城县农业农村局"),
    ("leader", roles.LEADER, "government"),
    ("officer", roles.OFFICER, "squad"),
    ("reviewer", roles.LEGAL_REVIEWER, "squad"),
    ("justice_office", roles.JUSTICE_OFFICE, "office"),
    ("supervisor", roles.SUPERVISOR, GOVERNMENT),
    ("hotline", roles.HOTLINE, GOVERNMENT),
]
