"""The on-site inspection record (现场检查笔录) as a document (``utilities.documents``)."""

from django.utils import timezone

from zongzhi.utilities.documents import Document, Heading, Signature, Table, chinese_date

POINT_LABELS = {"conforms": "符合", "does_not": "不符合", "na": "不适用"}


def _time(value):
    return timezone.localtime(value).strftime("%Y年%m月%d日 %H:%M") if value else "　　年　　月　　日　　时　　分"


def build_record(inspection) -> Document:
    subject = inspection.subject
    inspectors = list(inspection.inspectors.prefetch_related("certificates").order_by("name"))

    def certificate(officer):
        return next((c.number for c in officer.certificates.all() if c.kind == "enforcement"
                     and c.is_valid_on(inspection.date)), "")

    results = list(inspection.checklist_results.select_related("item"))
    findings = list(inspection.findings.all())
    body = [
        Table([], [
            ["检查单位", inspection.agency.name, "检查码", inspection.code],
            ["被检查对象", subject.name, "统一社会信用代码", subject.uscc or "—"],
            ["地址", subject.address or "—", "联系人", subject.contact_name or "—"],
            ["检查时间", f"{_time(inspection.started_at)} 至 {_time(inspection.finished_at)}", "检查方式",
             inspection.get_mode_display()],
        ], widths=[2, 5, 2, 4]),
        Heading("一、检查人员"),
        "检查人员" + "、".join(f"{o.name}（执法证号：{certificate(o) or '—'}）" for o in inspectors)
        + "已向被检查对象出示执法证件，告知检查事项、依据及陈述、申辩等权利。",
        Heading("二、检查事项及依据"),
        Table(["编码", "检查事项", "依据"], [[i.code, i.name, i.basis] for i in inspection.items.order_by("code")],
              widths=[2, 4, 7]),
        Heading("三、检查情况"),
    ]
    if results:
        body.append(Table(["检查要点", "结果", "说明"], [[r.point, POINT_LABELS.get(r.result, r.result), r.note or ""]
                                                     for r in results], widths=[6, 2, 5]))
    else:
        body.append(inspection.summary or "（现场检查情况）")
    body.append(Heading("四、发现的问题及处理"))
    if findings:
        body += [f"{n}. {f.description}" + (f"（责令于{chinese_date(f.correction_deadline)}前改正）"
                                            if f.correction_deadline else "") for n, f in enumerate(findings, 1)]
    else:
        body.append("未发现违法违规问题。")
    body.append("以上笔录已交被检查对象核对，确认无误。")
    return Document(
        title="现场检查笔录",
        number=f"检查码：{inspection.code}",
        body=body,
        signatures=[Signature("被检查对象（签名）", ""), Signature("检查人员（签名）", "、".join(o.name for o in inspectors),
                                                         chinese_date(inspection.date))],
    )


def record_filename(inspection, extension: str) -> str:
    return f"现场检查笔录-{inspection.code}.{extension}"
