import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from zongzhi.catalog.models import Matter
from zongzhi.subjects.tests.conftest import CENTRE_A, CENTRE_B, make_area, make_subject, square, uscc

from ..models import Campaign, NonSiteTask, Patrol, PatrolFinding
from ..services import save_patrol, send_task

# The smallest valid files of each type (their signatures are what the checks read).
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png(name="门头.png"):
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def pdf(name="许可证.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def png_bytes():
    """A real 1×1 PNG (for the browser, which shows it)."""
    import base64

    return base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==")


@pytest.fixture
def pw(world, settings, tmp_path):
    """``world`` with subjects and areas in both townships, the straw-burning matter and one task per township."""
    settings.MEDIA_ROOT = tmp_path / "media"
    w = world
    w.area_a = make_area(w.town_a, "城关一区", square(*CENTRE_A, 0.02), team=w.squad_a)
    w.area_b = make_area(w.town_b, "颍桥一区", square(*CENTRE_B, 0.02), team=w.squad_b)
    w.subject_a = make_subject(w.town_a, "襄城县城关某某餐饮有限公司", kind="enterprise", uscc=uscc(3),
                               category="catering", latitude=CENTRE_A[0], longitude=CENTRE_A[1], address="人民路 5 号")
    w.subject_b = make_subject(w.town_b, "颍桥某某养殖场", category="farm", latitude=CENTRE_B[0],
                               longitude=CENTRE_B[1], address="颍桥村")
    agriculture = w.domains["agriculture"]
    w.straw = Matter.objects.create(code="NY-001", name="露天焚烧秸秆", domain=agriculture)
    w.task_a, w.token_a = new_task(w, w.subject_a, w.squad_a, w.users["officer_a"], topic="后厨卫生云巡查")
    w.task_b, w.token_b = new_task(w, w.subject_b, w.squad_b, w.users["officer_b"], topic="养殖场粪污云巡查")
    return w


def new_task(w, subject, agency, by, **fields):
    fields.setdefault("instructions", "请拍摄后厨、仓库的现场照片并上传营业执照。")
    fields.setdefault("requested_items", "后厨照片\n仓库照片\n营业执照")
    return send_task(NonSiteTask(subject=subject, agency=agency, **fields), by=by)


def make_patrol(w, agency, area, by, *, start=None, campaign=None, officers=(), summary="日常巡查"):
    start = start or timezone.now() - datetime.timedelta(hours=3)
    patrol = Patrol(agency=agency, area=area, started_at=start, ended_at=start + datetime.timedelta(hours=2),
                    campaign=campaign, summary=summary)
    patrol.full_clean()
    return save_patrol(patrol, officers=list(officers), by=by)


def make_finding(patrol, by, **fields):
    from ..services import add_finding

    fields.setdefault("description", "发现村东地块有焚烧秸秆痕迹")
    fields.setdefault("found_at", patrol.started_at + datetime.timedelta(minutes=30))
    finding = PatrolFinding(patrol=patrol, **fields)
    finding.full_clean()
    return add_finding(finding, by=by)


def make_campaign(w, *, start, end, region=None, agency=None, name="秋季秸秆禁烧专项整治"):
    campaign = Campaign(name=name, agency=agency or w.county_gov, region=region or w.county, starts_on=start,
                        ends_on=end, domain=w.domains["agriculture"])
    campaign.full_clean()
    campaign.save()
    campaign.matters.add(w.straw)
    return campaign


__all__ = ["io", "png", "pdf", "PNG", "JPEG", "PDF"]
