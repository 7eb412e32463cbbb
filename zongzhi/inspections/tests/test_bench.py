"""The benchmark's SQL generators and timing run at a tiny size on PostgreSQL (the real run is ``make bench``)."""

import pytest
from django.db import connection

from .. import bench
from ..models import Finding, Inspection
from ..services import ledger_entries

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the generators write PostgreSQL SQL")
def test_bench_runs_at_a_tiny_size(world, monkeypatch):
    from zongzhi.officers.models import Officer
    from zongzhi.utilities.testing import fake_id_number

    from .conftest import certify

    second = Officer.objects.create(name="冯颍桥", id_number=fake_id_number(23), agency=world.squad_b,
                                    staffing="institution")
    certify(second, "豫A-0903", world.domains["urban"])
    monkeypatch.setattr(bench, "SUBJECTS", 300)
    monkeypatch.setattr(bench, "INSPECTIONS", 2000)
    monkeypatch.setattr(bench, "RUNS", 1)
    text = bench.bench_inspections(report=lambda line: None)
    assert Inspection.objects.count() == 2000 and Finding.objects.count() == 250
    subject = Inspection.objects.first().subject
    assert len([e for e in ledger_entries(subject) if e.kind == "inspection"]) == \
        Inspection.objects.filter(subject=subject).count()
    assert "ledger" in text and "draw over 30 subjects (ok)" in text
    assert bench.generate_inspections() == 0 and bench.generate_subjects() == 0
