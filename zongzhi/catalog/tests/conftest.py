import datetime

import pytest

from zongzhi.catalog import services
from zongzhi.catalog.models import CountySelection, DelegationCatalog, Matter
from zongzhi.laws.models import Article, Law, LawVersion

D = datetime.date


def article(law, number, text="……"):
    return Article.objects.create(version=law, number=number, label=f"第{number}条", text=text)


@pytest.fixture
def laws(db):
    air = Law.objects.create(title="中华人民共和国大气污染防治法", kind="law")
    air_v = LawVersion.objects.create(law=air, label="2018年修正", effective=D(2018, 10, 26))
    city = Law.objects.create(title="城市市容和环境卫生管理条例", kind="administrative_regulation")
    city_v = LawVersion.objects.create(law=city, label="2017年修订", effective=D(2017, 3, 1))
    water = Law.objects.create(title="中华人民共和国水法", kind="law")
    water_v = LawVersion.objects.create(law=water, label="2016年修正", effective=D(2016, 7, 2))
    return {"air77": article(air_v, 77), "air119": article(air_v, 119), "city14": article(city_v, 14),
            "city36": article(city_v, 36), "water37": article(water_v, 37), "water65": article(water_v, 65)}


@pytest.fixture
def delegation(world, laws):
    """Matters, the 2023 catalog (published, selected by the county) and acceptances by both townships."""
    d = world.domains
    m = {
        "straw": Matter.objects.create(code="NY-001", name="露天焚烧秸秆", domain=d["agriculture"],
                                       violated_article=laws["air77"], penalty_article=laws["air119"],
                                       penalty_paragraph=1, fine_min=500, fine_max=2000, penalty_types=["fine"],
                                       keeper=world.county),
        "stall": Matter.objects.create(code="CG-001", name="擅自占道经营", domain=d["urban"],
                                       violated_article=laws["city14"], penalty_article=laws["city36"]),
        "river": Matter.objects.create(code="SL-001", name="在河道管理范围内建设妨碍行洪的建筑物", domain=d["water"],
                                       violated_article=laws["water37"], penalty_article=laws["water65"],
                                       fine_min=10000, fine_max=100000, applies_to="town"),
    }
    v2023 = DelegationCatalog.objects.create(issuer=world.province, keeper=world.county, name="河南省乡镇赋权指导目录",
                                             version="2023版", effective=D(2023, 1, 1))
    for n, key in enumerate(["straw", "stall", "river"], start=1):
        services.add_item(v2023, m[key], number=n)
    services.publish_version(v2023, on=D(2022, 12, 20))
    v2023.refresh_from_db()
    selection = CountySelection.objects.create(county=world.county, catalog=v2023, decided_on=D(2023, 2, 1))
    selection.items.set(v2023.items.all())
    acc = {
        "a_straw": services.accept(world.gov_a, m["straw"], v2023, D(2023, 3, 1)),
        "a_stall": services.accept(world.gov_a, m["stall"], v2023, D(2023, 3, 1)),
        "b_straw": services.accept(world.gov_b, m["straw"], v2023, D(2023, 3, 1)),
        "b_river": services.accept(world.gov_b, m["river"], v2023, D(2023, 3, 1)),
    }
    return {"matters": m, "v2023": v2023, "selection": selection, "acc": acc}


@pytest.fixture
def v2024(world, delegation):
    """The 2024 version: 擅自占道经营 removed, the straw fine changed, a matter added; not yet published."""
    from zongzhi.catalog.models import Matter

    m = delegation["matters"]
    m["build"] = Matter.objects.create(code="ZR-001", name="未经批准非法占用土地建住宅",
                                       domain=world.domains["natural_resources"], applies_to="town")
    catalog = DelegationCatalog.objects.create(issuer=world.province, keeper=world.county, name="河南省乡镇赋权指导目录",
                                               version="2024版", effective=D(2024, 1, 1), previous=delegation["v2023"])
    for n, key in enumerate(["straw", "river", "build"], start=1):
        services.add_item(catalog, m[key], number=n)
    return catalog
