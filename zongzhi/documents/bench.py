"""Benchmark: a 30-page case file (案卷) as one PDF (issue #4: under 5 s).

``bench_case_file(report)`` renders every national default template (seed_templates) with a full, long case
context, joined as one PDF by the same renderer ``case_file_pdf`` uses, until the file has at least 30 pages;
it times that render and returns a markdown section (``report``, if given, is called with one summary line).
It needs no database rows, so it runs as well on the bench database as anywhere.
"""

import re
import time
from types import SimpleNamespace

from zongzhi.utilities.documents import pdf_font, to_pdf_many

from .choices import DocumentKind
from .rendering import document_from_json, render
from .seed_templates import TEMPLATES

PAGES = 30
BUDGET_S = 5.0
RUNS = 3


def sample_context(n: int = 0) -> dict:
    facts = ("经查，当事人在承包地内露天焚烧小麦秸秆约3亩，产生大量烟尘，对周边大气环境造成污染。执法人员到达现场时"
             "火势尚未熄灭，当事人在场。") * 4
    return {
        "agency": "城关街道办事处", "agency_address": "襄城县城关街道人民路1号", "agency_phone": "0374-7000000",
        "contact": "林晓东", "case_number": f"城关街综执罚立〔2025〕{n + 1}号", "cause": "露天焚烧秸秆案",
        "party": {"name": "欧阳明华", "is_person": True, "identifier": "411025198501010074",
                  "address": "襄城县城关街道东关村3组", "phone": "13812345678"},
        "party_names": "欧阳明华", "act_place": "城关街道东关村北地", "act_date": "2025年9月10日",
        "filed_date": "2025年9月11日", "decided_date": "2025年9月28日", "facts": facts,
        "violated": "《中华人民共和国大气污染防治法》第七十七条",
        "penalty_basis": "《中华人民共和国大气污染防治法》第一百一十九条第一款", "penalty_text": "罚款人民币500元",
        "officers": [{"name": "林晓东", "certificate": "豫A-0001"}, {"name": "周明远", "certificate": "豫A-0003"}],
        "officer_names": "林晓东（执法证号：豫A-0001）、周明远（执法证号：豫A-0003）",
        "evidence": [{"name": f"现场照片{i}", "kind": "视听资料", "description": "证明焚烧现场情况"} for i in range(12)],
        "evidence_names": "现场检查笔录、询问笔录、现场照片",
        "items": [{"name": f"物品{i}", "spec": "袋", "quantity": "1", "place": "执法队仓库"} for i in range(8)],
        "questions": [{"q": "你是否承认焚烧秸秆？", "a": "承认，是我烧的。"} for _ in range(10)],
        "review_body": "襄城县人民政府", "court": "襄城县人民法院", "bank": "中国农业银行襄城县支行",
        "hearing_rights": True, "date": "2025年9月28日",
        "index": [{"n": i, "title": "文书", "number": "", "date": "", "page": i} for i in range(1, 25)],
    }


def case_file_documents(pages: int = PAGES):
    pdf_font()
    docs, n = [], 0
    while True:
        for kind in DocumentKind.values:
            title, body = TEMPLATES[kind]
            rendered_title, content = render(SimpleNamespace(title=title, body=body), sample_context(n))
            docs.append(document_from_json(rendered_title, f"城关街综执字〔2025〕第{n + 1}号", content))
        n += 1
        pdf = to_pdf_many(docs)
        if page_count(pdf) >= pages:
            return docs, pdf


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b", pdf))


def bench_case_file(report=None) -> str:
    docs, pdf = case_file_documents()
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        pdf = to_pdf_many(docs)
        timings.append(time.perf_counter() - started)
    best, worst = min(timings), max(timings)
    verdict = "within" if worst < BUDGET_S else "**over**"
    line = (f"case file: {page_count(pdf)} pages, {len(docs)} documents, {len(pdf) // 1024} KiB; "
            f"best {best:.2f} s, worst {worst:.2f} s of {RUNS} ({verdict} the {BUDGET_S:.0f} s budget)")
    if report:
        report(line)
    return f"## Case file PDF (budget {BUDGET_S:.0f} s)\n\n- {line}"
