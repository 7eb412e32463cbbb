"""The demo catalog of 襄城县 (seed 000: towns accept 75 matters, sub-districts 66, in six domains).

Each matter cites real articles of the laws shipped in data/laws/ (violated provision and penalty provision,
with paragraph and item where the law lists several acts) and the fine range as the penalty provision states it.
Where a provision sets a fine per unit or a multiple, the range is left empty and ``multiple`` says so.

The 2024 version (the one in force) drops two matters of the 2023 version, adds two, and changes the range of
one; see ``REMOVED_IN_2024``, ``ADDED_IN_2024`` and ``CHANGED_IN_2024``.
"""

from dataclasses import dataclass

AIR = "中华人民共和国大气污染防治法"
CITY = "城市市容和环境卫生管理条例"
XC = "许昌市城市市容和环境卫生管理条例"
LAND = "中华人民共和国土地管理法"
LAND_RULES = "中华人民共和国土地管理法实施条例"
PLAN = "中华人民共和国城乡规划法"
HN_PLAN = "河南省实施《中华人民共和国城乡规划法》办法"
WATER = "中华人民共和国水法"
WASTE = "中华人民共和国固体废物污染环境防治法"
NOISE = "中华人民共和国噪声污染防治法"

TOWN, SUBDISTRICT, BOTH = "town", "subdistrict", "both"
WARNING, FINE, GAINS, PROPERTY, CLOSE = "warning", "fine", "confiscate_gains", "confiscate_property", "order_closure"

DEPARTMENTS = {
    "agriculture": "襄城县农业农村局",
    "ecology": "许昌市生态环境局襄城分局",
    "urban": "襄城县城市管理局",
    "water": "襄城县水利局",
    "natural_resources": "襄城县自然资源局",
    "culture": "襄城县文化广电和旅游局",
}


@dataclass(frozen=True)
class DemoMatter:
    code: str
    name: str
    domain: str
    applies_to: str
    violated: tuple  # (law title, article, paragraph, item)
    penalty: tuple
    fine_min: int | None = None
    fine_max: int | None = None
    types: tuple = (FINE,)
    multiple: tuple = ()  # (min, max, base)
    first_violation_exempt: bool = False
    endangers_safety: bool = False


def m(code, name, domain, applies_to, violated, penalty, fine_min=None, fine_max=None, types=(FINE,), **extra):
    return DemoMatter(code, name, domain, applies_to, violated, penalty, fine_min, fine_max, tuple(types), **extra)


def art(law, number, paragraph=None, item=None):
    return (law, number, paragraph, item)


MATTERS = [
    # --- 农业农村 -------------------------------------------------------------------------------------------
    m("NY-001", "露天焚烧秸秆、落叶等产生烟尘污染的物质", "agriculture", BOTH, art(AIR, 77), art(AIR, 119, 1), 500, 2000,
      first_violation_exempt=True),
    m("NY-002", "在人口集中地区对树木、花草喷洒剧毒、高毒农药", "agriculture", BOTH, art(AIR, 119, 1), art(AIR, 119, 1),
      500, 2000, endangers_safety=True),
    m("NY-003", "农村村民未经批准或者采取欺骗手段骗取批准，非法占用土地建住宅", "agriculture", TOWN, art(LAND, 62),
      art(LAND, 78, 1), types=()),
    m("NY-004", "农村村民超过规定标准多占宅基地", "agriculture", TOWN, art(LAND, 62, 1), art(LAND, 78, 2), types=()),
    m("NY-005", "占用耕地建窑、建坟，破坏种植条件", "agriculture", TOWN, art(LAND, 37, 3), art(LAND, 75),
      multiple=(5, 10, "耕地开垦费")),
    m("NY-006", "擅自在耕地上建房、挖砂、采石、采矿、取土，破坏种植条件", "agriculture", TOWN, art(LAND, 37, 3),
      art(LAND, 75), multiple=(5, 10, "耕地开垦费")),
    m("NY-007", "畜禽养殖场、养殖小区利用未经无害化处理的厨余垃圾饲喂畜禽", "agriculture", TOWN, art(WASTE, 111, 1, 6),
      art(WASTE, 111, 2), 100000, 1000000, (FINE, GAINS), endangers_safety=True),
    # --- 生态环境 -------------------------------------------------------------------------------------------
    m("HB-001", "未密闭煤炭、煤矸石、水泥、砂土等易产生扬尘的物料", "ecology", BOTH, art(AIR, 72, 1), art(AIR, 117, 1, 1),
      10000, 100000),
    m("HB-002", "对不能密闭的易产生扬尘的物料未设置严密围挡或者有效覆盖", "ecology", BOTH, art(AIR, 72, 1),
      art(AIR, 117, 1, 2), 10000, 100000),
    m("HB-003", "装卸物料未采取密闭或者喷淋等方式控制扬尘排放", "ecology", BOTH, art(AIR, 72, 2), art(AIR, 117, 1, 3),
      10000, 100000),
    m("HB-004", "未采取措施防止排放恶臭气体", "ecology", BOTH, art(AIR, 80), art(AIR, 117, 1, 8), 10000, 100000),
    m("HB-005", "服装干洗和机动车维修未设置异味和废气处理装置等污染防治设施", "ecology", SUBDISTRICT, art(AIR, 120),
      art(AIR, 120), 2000, 20000),
    m("HB-006", "在禁燃区内未按照规定停止燃用高污染燃料", "ecology", BOTH, art(AIR, 38, 2), art(AIR, 107, 1), 20000,
      200000, (FINE, PROPERTY)),
    m("HB-007", "建筑施工超过噪声排放标准排放建筑施工噪声", "ecology", BOTH, art(NOISE, 41), art(NOISE, 77, 1, 1), 10000,
      100000),
    m("HB-008", "在饮用水水源保护区内设置排污口", "ecology", TOWN, art(WATER, 34), art(WATER, 67, 1), 50000, 100000,
      endangers_safety=True),
    m("HB-009", "产生社会生活噪声的场所超过噪声排放标准排放噪声", "ecology", BOTH, art(NOISE, 61), art(NOISE, 81, 1, 1),
      5000, 50000),
    # --- 城市管理 -------------------------------------------------------------------------------------------
    m("CG-001", "主要街道建（构）筑物及其设施外立面结构损坏、墙面剥离或者污染，逾期未改正", "urban", BOTH, art(XC, 14, 2),
      art(XC, 39, 1), 200, 5000),
    m("CG-002", "主要街道建（构）筑物外立面装修改变原结构", "urban", SUBDISTRICT, art(XC, 14, 3), art(XC, 39, 2), 2000, 10000),
    m("CG-003", "外部装修施工工地未按规定设置围挡", "urban", BOTH, art(XC, 14, 4), art(XC, 39, 3), 200, 1000),
    m("CG-004", "在临街建筑物的平台、阳台、窗外堆放、吊挂、晾挂有碍市容或者危及安全的物品", "urban", BOTH, art(XC, 15, 1),
      art(XC, 40, 1), 20, 50, (WARNING, FINE), first_violation_exempt=True),
    m("CG-005", "封闭阳台、平台、外走廊等超出原建筑设计外沿", "urban", BOTH, art(XC, 15, 2), art(XC, 40, 2), 100, 1000),
    m("CG-006", "在城市道路或者公共场所擅自堆放物料影响市容", "urban", BOTH, art(XC, 17, 1), art(XC, 41), 100, 500,
      first_violation_exempt=True),
    m("CG-007", "在城市道路或者公共场所搭建临时建（构）筑物影响市容", "urban", BOTH, art(XC, 17, 1), art(XC, 41), 500, 3000),
    m("CG-008", "擅自占用城市道路设摊经营、揽工、修理、加工、散发广告", "urban", BOTH, art(XC, 18, 1), art(XC, 42), 50, 200,
      first_violation_exempt=True),
    m("CG-009", "在禁止的区域露天烧烤食品或者为露天烧烤食品提供场地", "urban", BOTH, art(AIR, 81, 3), art(AIR, 118, 3), 500,
      20000, (FINE, GAINS, PROPERTY)),
    m("CG-010", "户外广告、门店牌匾、标识标牌污损、破损、残缺未及时刷新、维修、更换或者拆除", "urban", SUBDISTRICT,
      art(XC, 20, 1), art(XC, 44, 1), 200, 1000),
    m("CG-011", "未经审批擅自设置或者未按审批要求设置大型户外广告", "urban", BOTH, art(XC, 20, 2), art(XC, 44, 2), 1000,
      5000),
    m("CG-012", "在树木、地面、电杆、建（构）筑物上涂写、刻画或者擅自张贴、悬挂宣传品", "urban", BOTH, art(XC, 21, 2),
      art(XC, 45), 50, 500, (WARNING, FINE), first_violation_exempt=True),
    m("CG-013", "损坏或者擅自移动、拆除城市夜景灯饰", "urban", SUBDISTRICT, art(XC, 22, 2), art(XC, 46), 200, 10000),
    m("CG-014", "新区开发、旧区改造未按照要求配套建设环境卫生设施", "urban", BOTH, art(XC, 23), art(XC, 47), types=(WARNING,
      FINE), multiple=(1, 3, "该设施造价")),
    m("CG-015", "侵占、损坏、擅自拆除、移动、封闭环境卫生设施或者改变其使用性质", "urban", BOTH, art(XC, 24, 1),
      art(XC, 48), 1000, 5000),
    m("CG-016", "随地吐痰、便溺，乱扔果皮（核）、纸屑、废电池等废弃物", "urban", BOTH, art(XC, 26), art(XC, 49, 1, 1), 20,
      100, first_violation_exempt=True),
    m("CG-017", "乱倒垃圾、污水、粪便，向花坛、绿化带、窨井内扫入或者倾倒废弃物", "urban", BOTH, art(XC, 26),
      art(XC, 49, 1, 2), None, 50000),
    m("CG-018", "占用城市道路、公共场所冲洗车辆，或者在室内清洗车辆向公共区域排放污水", "urban", BOTH, art(XC, 26),
      art(XC, 49, 1, 3), 100, 500),
    m("CG-019", "餐饮门店、摊点乱倒泔水造成地面油渍污染", "urban", BOTH, art(XC, 26), art(XC, 49, 1, 4),
      multiple=(50, 100, "每平方米（元）")),
    m("CG-020", "车轮带泥运行造成路面污染", "urban", BOTH, art(XC, 34), art(XC, 50), 200, 1000),
    m("CG-021", "建筑垃圾消纳场所、中转场所未设置车辆清洗设施、未硬化进出口路面", "urban", BOTH, art(XC, 35), art(XC, 51),
      20000, 100000),
    m("CG-022", "运输煤炭、垃圾、渣土、砂石等散装、流体物料的车辆未采取密闭措施防止物料遗撒", "urban", BOTH, art(AIR, 70, 1),
      art(AIR, 116), 2000, 20000),
    m("CG-023", "排放油烟的餐饮服务业经营者未安装或者不正常使用油烟净化设施，超标排放油烟", "urban", BOTH, art(AIR, 81, 1),
      art(AIR, 118, 1), 5000, 50000),
    m("CG-024", "施工工地未设置硬质围挡或者未采取有效防尘降尘措施", "urban", BOTH, art(AIR, 69, 3), art(AIR, 115, 1, 1),
      10000, 100000),
    m("CG-025", "建筑土方、工程渣土、建筑垃圾未及时清运或者未采用密闭式防尘网遮盖", "urban", BOTH, art(AIR, 69, 3),
      art(AIR, 115, 1, 2), 10000, 100000),
    m("CG-026", "在人口集中地区焚烧沥青、油毡、橡胶、塑料、皮革、垃圾等产生有毒有害烟尘的物质", "urban", BOTH,
      art(AIR, 82, 1), art(AIR, 119, 2), 500, 100000, endangers_safety=True),
    m("CG-027", "随意倾倒、抛撒、堆放或者焚烧生活垃圾", "urban", BOTH, art(WASTE, 49, 2), art(WASTE, 111, 1, 1), 100,
      500000, (FINE, GAINS)),
    m("CG-028", "工程施工单位未编制建筑垃圾处理方案报备案或者未及时清运施工固体废物", "urban", BOTH, art(WASTE, 63),
      art(WASTE, 111, 1, 3), 100000, 1000000, (FINE, GAINS)),
    m("CG-029", "工程施工单位擅自倾倒、抛撒或者堆放建筑垃圾", "urban", BOTH, art(WASTE, 63), art(WASTE, 111, 1, 4), 100000,
      1000000, (FINE, GAINS)),
    m("CG-030", "在运输过程中沿途丢弃、遗撒生活垃圾", "urban", BOTH, art(WASTE, 49, 2), art(WASTE, 111, 1, 7), 100, 500000,
      (FINE, GAINS)),
    m("CG-031", "未在指定的地点分类投放生活垃圾", "urban", SUBDISTRICT, art(WASTE, 49, 2), art(WASTE, 111, 3), None, 500000,
      first_violation_exempt=True),
    m("CG-032", "在商业经营活动中使用高音广播喇叭或者采用其他持续反复发出高噪声的方法进行广告宣传", "urban", BOTH,
      art(NOISE, 63, 1), art(NOISE, 81, 1, 2), 5000, 50000),
    m("CG-033", "在噪声敏感建筑物集中区域使用高音广播喇叭", "urban", BOTH, art(NOISE, 64, 1), art(NOISE, 82, 1, 1), 200,
      20000, (WARNING, FINE), first_violation_exempt=True),
    m("CG-034", "在公共场所组织或者开展娱乐、健身等活动违反规定使用音响器材产生过大音量", "urban", BOTH, art(NOISE, 64, 2),
      art(NOISE, 82, 1, 2), 200, 20000, (WARNING, FINE), first_violation_exempt=True),
    m("CG-035", "对已竣工交付使用的建筑物进行室内装修活动未在限定的作业时间内进行", "urban", BOTH, art(NOISE, 66),
      art(NOISE, 82, 1, 3), 200, 20000, (WARNING, FINE), first_violation_exempt=True),
    m("CG-036", "未按照规定取得证明在噪声敏感建筑物集中区域夜间进行产生噪声的建筑施工作业", "urban", BOTH, art(NOISE, 43),
      art(NOISE, 77, 1, 2), 10000, 100000),
    m("CG-037", "不履行卫生责任区清扫保洁义务或者不按规定清运、处理垃圾和粪便", "urban", BOTH, art(CITY, 34, None, 5),
      art(CITY, 34, None, 5), types=(WARNING, FINE)),
    m("CG-038", "临街工地不设置护栏或者不作遮挡、停工场地不及时整理，影响市容和环境卫生", "urban", BOTH,
      art(CITY, 34, None, 7), art(CITY, 34, None, 7), types=(WARNING, FINE)),
    m("CG-039", "饲养家畜家禽影响市容和环境卫生", "urban", SUBDISTRICT, art(CITY, 35), art(CITY, 35), types=(FINE, PROPERTY)),
    m("CG-040", "在居民住宅楼等新建、改建、扩建产生油烟、异味、废气的餐饮服务项目", "urban", BOTH, art(AIR, 81, 2),
      art(AIR, 118, 2), 10000, 100000, (FINE, CLOSE)),
    m("CG-041", "擅自关闭、闲置或者拆除生活垃圾处理设施、场所", "urban", BOTH, art(WASTE, 55, 3), art(WASTE, 111, 1, 2),
      100000, 1000000, (FINE, GAINS)),
    # --- 水利 -----------------------------------------------------------------------------------------------
    m("SL-001", "在河道管理范围内建设妨碍行洪的建筑物、构筑物", "water", TOWN, art(WATER, 37, 2), art(WATER, 65, 1), 10000,
      100000),
    m("SL-002", "在河道管理范围内从事影响河势稳定、危害河岸堤防安全的活动", "water", TOWN, art(WATER, 37, 2),
      art(WATER, 65, 1), 10000, 100000),
    m("SL-003", "未经同意擅自修建水工程或者建设跨河、临河建筑物、构筑物", "water", TOWN, art(WATER, 38, 1), art(WATER, 65, 2),
      10000, 100000),
    m("SL-004", "虽经同意但未按照要求修建水工程设施", "water", TOWN, art(WATER, 38, 1), art(WATER, 65, 3), 10000, 100000),
    m("SL-005", "在江河、湖泊、水库、渠道内弃置、堆放阻碍行洪的物体", "water", BOTH, art(WATER, 37, 1),
      art(WATER, 66, None, 1), 10000, 50000),
    m("SL-006", "在江河、湖泊、水库、渠道内种植阻碍行洪的林木及高秆作物", "water", TOWN, art(WATER, 37, 1),
      art(WATER, 66, None, 1), 10000, 50000),
    m("SL-007", "围湖造地或者未经批准围垦河道", "water", TOWN, art(WATER, 40), art(WATER, 66, None, 2), 10000, 50000),
    m("SL-008", "未经批准擅自取水", "water", BOTH, art(WATER, 48, 1), art(WATER, 69, None, 1), 20000, 100000,
      (FINE, "revoke_licence")),
    m("SL-009", "未依照批准的取水许可规定条件取水", "water", TOWN, art(WATER, 48, 1), art(WATER, 69, None, 2), 20000, 100000,
      (FINE, "revoke_licence")),
    m("SL-010", "侵占、毁坏水工程及堤防、护岸等有关设施", "water", BOTH, art(WATER, 43), art(WATER, 72, None, 1), 10000,
      50000),
    m("SL-011", "在水工程保护范围内从事爆破、打井、采石、取土等危害水工程安全的活动", "water", TOWN, art(WATER, 43),
      art(WATER, 72, None, 2), 10000, 50000, endangers_safety=True),
    # --- 自然资源 -------------------------------------------------------------------------------------------
    m("ZR-001", "未经批准或者采取欺骗手段骗取批准，非法占用土地", "natural_resources", BOTH, art(LAND, 44), art(LAND, 77, 1),
      multiple=(100, 1000, "非法占用土地每平方米（元），《土地管理法实施条例》第五十七条"), types=(FINE, PROPERTY)),
    m("ZR-002", "买卖或者以其他形式非法转让土地", "natural_resources", TOWN, art(LAND, 2), art(LAND, 74),
      multiple=(0.1, 0.5, "违法所得，《土地管理法实施条例》第五十四条"), types=(FINE, GAINS, PROPERTY)),
    m("ZR-003", "拒不履行土地复垦义务", "natural_resources", TOWN, art(LAND, 43), art(LAND, 76),
      multiple=(2, 5, "土地复垦费，《土地管理法实施条例》第五十六条")),
    m("ZR-004", "临时使用土地期满拒不归还", "natural_resources", BOTH, art(LAND, 57), art(LAND, 81),
      multiple=(100, 500, "非法占用土地每平方米（元），《土地管理法实施条例》第五十九条")),
    m("ZR-005", "擅自将农民集体所有的土地通过出让、转让使用权或者出租等方式用于非农业建设", "natural_resources", TOWN,
      art(LAND, 63), art(LAND, 82), multiple=(0.1, 0.3, "违法所得，《土地管理法实施条例》第六十条"), types=(FINE, GAINS)),
    m("ZR-006", "非法占用永久基本农田发展林果业或者挖塘养鱼", "natural_resources", TOWN, art(LAND, 37),
      art(LAND_RULES, 51), multiple=(2, 5, "耕地开垦费")),
    m("ZR-007", "在临时使用的土地上修建永久性建筑物", "natural_resources", BOTH, art(LAND, 57), art(LAND_RULES, 52),
      multiple=(5, 10, "土地复垦费")),
    m("ZR-008", "未取得建设工程规划许可证进行建设", "natural_resources", BOTH, art(PLAN, 40, 1), art(PLAN, 64),
      multiple=(0.05, 0.1, "建设工程造价"), types=(FINE, PROPERTY, GAINS)),
    m("ZR-009", "未按照建设工程规划许可证的规定进行建设", "natural_resources", BOTH, art(PLAN, 40, 1), art(PLAN, 64),
      multiple=(0.05, 0.1, "建设工程造价"), types=(FINE, PROPERTY, GAINS)),
    m("ZR-010", "在乡、村庄规划区内未依法取得乡村建设规划许可证进行建设", "natural_resources", TOWN, art(PLAN, 41, 3),
      art(PLAN, 65), types=()),
    m("ZR-011", "未经批准进行临时建设", "natural_resources", BOTH, art(PLAN, 44, 1), art(PLAN, 66, None, 1),
      multiple=(0, 1, "临时建设工程造价")),
    m("ZR-012", "未按照批准内容进行临时建设", "natural_resources", SUBDISTRICT, art(PLAN, 44, 1), art(PLAN, 66, None, 2),
      multiple=(0, 1, "临时建设工程造价")),
    m("ZR-013", "临时建筑物、构筑物超过批准期限不拆除", "natural_resources", BOTH, art(PLAN, 44, 2), art(PLAN, 66, None, 3),
      multiple=(0, 1, "临时建设工程造价")),
    m("ZR-014", "建设单位未在竣工验收后六个月内报送竣工验收资料", "natural_resources", BOTH, art(PLAN, 45, 2),
      art(PLAN, 67), 10000, 50000),
    m("ZR-015", "建设工程未取得规划核实合格手续，建设单位组织竣工验收", "natural_resources", SUBDISTRICT, art(PLAN, 45, 1),
      art(HN_PLAN, 76), types=()),
    # --- 文化广电 -------------------------------------------------------------------------------------------
    m("WH-001", "文化娱乐场所超过噪声排放标准排放社会生活噪声", "culture", BOTH, art(NOISE, 61), art(NOISE, 81, 1, 1), 5000,
      50000),
    m("WH-002", "文化娱乐场所未对经营活动中产生的其他噪声采取有效措施", "culture", BOTH, art(NOISE, 61),
      art(NOISE, 81, 1, 3), 5000, 50000),
]

# Versions: 2023版 had two matters that the 2024 evaluation found townships could not carry; 2024版 adds two.
REMOVED_IN_2024 = ["HB-008", "ZR-005"]
ADDED_IN_2024 = ["CG-040", "WH-002"]
# 2023版 transcribed the range of CG-009 as 2,000–20,000 yuan; 2024版 corrects it to 500–20,000 as
# 大气污染防治法 Art. 118 para. 3 states. The values here are those of 2023版.
CHANGED_IN_2024 = {"CG-009": {"fine_min": 2000}}
