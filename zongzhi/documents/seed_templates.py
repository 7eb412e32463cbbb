"""The national default wording of every kind of document (version 1), loaded by ``seed_document_templates``.

Variables come from ``case_integration.case_context``; one that is missing (or empty) prints as a blank ＿＿＿＿ to
be filled in by hand. Filters are not applied to a missing variable: write a fallback as ``{% firstof x "默认" %}``. Rights and time limits cite 《中华人民共和国行政处罚法》 (2021), 《中华人民共和国行政强制法》,
《中华人民共和国行政复议法》 (2023) and 《中华人民共和国行政诉讼法》.
"""

PARTY = """> 当事人：{{ party.name }}
{% if party.is_person %}> 身份证号码：{{ party.identifier }}{% else %}> 统一社会信用代码：{{ party.identifier }}
> 法定代表人（负责人、经营者）：{{ party.representative }}{% endif %}
> 住所（地址）：{{ party.address }}
> 联系电话：{{ party.phone }}"""

OFFICERS = """| 执法人员 | 行政执法证件号 |
{% for o in officers %}| {{ o.name }} | {{ o.certificate }} |
{% endfor %}"""

REMEDIES = ("如不服本决定，可以在收到本决定书之日起六十日内向{{ review_body }}申请行政复议，或者在六个月内依法向"
            "{{ court }}提起行政诉讼（《中华人民共和国行政复议法》第二十条、《中华人民共和国行政诉讼法》第四十六条）。"
            "行政复议或者行政诉讼期间，本决定不停止执行，法律另有规定的除外（《中华人民共和国行政处罚法》第七十三条）。")

SEAL = "@@ {{ agency }}（印章） | | {{ date }}"
RECEIPT = "@@ 当事人（签名或盖章） | | 　　年　　月　　日"

TEMPLATES = {
    "case_cover": ("{{ agency }}行政处罚案卷", """
| 项目 | 内容 |
| 案件编号 | {{ case_number }} |
| 案由 | {{ cause }} |
| 当事人 | {{ party_names }} |
| 立案日期 | {{ filed_date }} |
| 处理结果 | {{ outcome }} |
| 结案日期 | {{ closed_date }} |
| 承办人 | {{ officer_names }} |
| 归档日期 | {{ archived_date }} |
| 保管期限 | {{ retention }} |
"""),
    "case_index": ("卷内目录", """
| 序号 | 文书名称 | 文号 | 日期 | 页码 |
{% for row in index %}| {{ row.n }} | {{ row.title }} | {{ row.number }} | {{ row.date }} | {{ row.page }} |
{% endfor %}"""),
    "filing_approval": ("立案审批表", """
| 项目 | 内容 |
| 案件编号 | {{ case_number }} |
| 案源 | {{ source }} |
| 案由 | {{ cause }} |
| 当事人 | {{ party_names }} |
| 违法行为发生地点 | {{ act_place }} |
| 违法行为发生时间 | {{ act_date }} |
| 发现日期 | {{ discovered_date }} |
| 涉嫌违反的规定 | {{ violated }} |
| 简要案情 | {{ facts }} |
| 承办人意见 | 经初步核实，当事人涉嫌{{ cause }}，有证据初步证明存在违法事实，属于本机关管辖，在行政处罚追责时效内（《中华人民共和国行政处罚法》第三十六条），依照《中华人民共和国行政处罚法》第五十四条第二款的规定，建议立案调查。 |
| 承办人 | {{ officer_names }} |
| 负责人审批意见 | {{ approval_opinion }} |
| 审批日期 | {{ filed_date }} |
"""),
    "inspection_record": ("现场检查（勘验）笔录", f"""
> 检查（勘验）时间：{{{{ inspection_time }}}}
> 检查（勘验）地点：{{{{ act_place }}}}
{PARTY}
{OFFICERS}
执法人员已向当事人（在场人）出示行政执法证件，告知其有申请回避的权利（《中华人民共和国行政处罚法》第四十二条、第四十三条、第五十五条）。
## 检查（勘验）情况
{{% firstof inspection_findings facts %}}
以上笔录经当事人（在场人）核对，确认无误。
@@ 当事人（在场人）签名 | | 　　年　　月　　日
@@ 执法人员签名 | {{{{ officer_names }}}} | {{{{ date }}}}
"""),
    "inquiry_record": ("询问笔录", f"""
> 询问时间：{{{{ inquiry_time }}}}
> 询问地点：{{{{ inquiry_place }}}}
> 被询问人：{{{{ party.name }}}}
{OFFICERS}
问：我们是{{{{ agency }}}}的执法人员，这是我们的行政执法证件，请你过目。依照《中华人民共和国行政处罚法》第五十五条的规定，现就{{{{ cause }}}}有关情况向你调查了解，你有如实回答询问、协助调查的义务，也有申请执法人员回避、陈述和申辩的权利。你听清楚了吗？是否申请回避？
答：{{{{ answer_1 }}}}
{{% for qa in questions %}}问：{{{{ qa.q }}}}
答：{{{{ qa.a }}}}
{{% endfor %}}被询问人核对意见：以上笔录我已看过（已向我宣读），与我所说一致。
@@ 被询问人签名 | | 　　年　　月　　日
@@ 询问人、记录人签名 | {{{{ officer_names }}}} | {{{{ date }}}}
"""),
    "correction_order": ("责令（限期）改正通知书", f"""
{PARTY}
经查，你（单位）于{{{{ act_date }}}}在{{{{ act_place }}}}{{{{ cause }}}}，违反了{{{{ violated }}}}的规定。
依照《中华人民共和国行政处罚法》第二十八条第一款和{{{{ penalty_basis }}}}的规定，现责令你（单位）{{{{ correction_demand }}}}，并于{{{{ correction_due }}}}前改正完毕。逾期不改正的，本机关将依法处理。
{SEAL}
{RECEIPT}
"""),
    "preservation_notice": ("先行登记保存证据通知书", f"""
{PARTY}
因调查{{{{ cause }}}}，在证据可能灭失或者以后难以取得的情况下，经本机关负责人批准，依照《中华人民共和国行政处罚法》第五十六条的规定，对你（单位）的下列物品予以先行登记保存。
| 序号 | 物品名称 | 规格 | 数量 | 保存地点 |
{{% for item in items %}}| {{{{ forloop.counter }}}} | {{{{ item.name }}}} | {{{{ item.spec }}}} | {{{{ item.quantity }}}} | {{{{ item.place }}}} |
{{% endfor %}}
在登记保存期间，当事人或者有关人员不得损毁、销毁或者转移证据。本机关将在七个工作日内作出处理决定（《中华人民共和国行政处罚法》第五十六条）。
{SEAL}
{RECEIPT}
"""),
    "seizure_decision": ("查封（扣押）决定书", f"""
{PARTY}
经查，你（单位）涉嫌{{{{ cause }}}}。依照《中华人民共和国行政强制法》第九条、第二十二条、第二十四条和{{{{ seizure_basis }}}}的规定，本机关决定对你（单位）的下列场所、设施或者财物予以查封（扣押），期限为三十日，自{{{{ seizure_from }}}}起至{{{{ seizure_to }}}}止；情况复杂的，经本机关负责人批准，可以延长，但延长期限不得超过三十日（《中华人民共和国行政强制法》第二十五条）。
## 查封（扣押）清单
| 序号 | 名称 | 规格 | 数量 | 存放地点 |
{{% for item in items %}}| {{{{ forloop.counter }}}} | {{{{ item.name }}}} | {{{{ item.spec }}}} | {{{{ item.quantity }}}} | {{{{ item.place }}}} |
{{% endfor %}}
你（单位）如不服本决定，可以在收到本决定书之日起六十日内向{{{{ review_body }}}}申请行政复议，或者在六个月内依法向{{{{ court }}}}提起行政诉讼。
{SEAL}
{RECEIPT}
"""),
    "investigation_report": ("调查终结报告", f"""
> 案件编号：{{{{ case_number }}}}
> 案由：{{{{ cause }}}}
{PARTY}
## 一、案件来源及调查经过
本案于{{{{ filed_date }}}}立案，由执法人员{{{{ officer_names }}}}承办。执法人员依法进行了调查取证。
## 二、违法事实
{{{{ facts }}}}
## 三、证据
| 序号 | 证据名称 | 种类 | 证明内容 |
{{% for e in evidence %}}| {{{{ forloop.counter }}}} | {{{{ e.name }}}} | {{{{ e.kind }}}} | {{{{ e.description }}}} |
{{% endfor %}}
## 四、法律依据及处理建议
当事人的行为违反了{{{{ violated }}}}的规定。依照{{{{ penalty_basis }}}}的规定，{{% firstof discretion_note %}}建议{{{{ proposal }}}}。
@@ 承办人 | {{{{ officer_names }}}} | {{{{ date }}}}
"""),
    "legal_review_opinion": ("法制审核意见书", """
> 案件编号：{{ case_number }}
> 案由：{{ cause }}
> 送审机构：{{ agency }}
依照《中华人民共和国行政处罚法》第五十八条的规定，对本案拟作出的行政处罚决定进行了法制审核，审核情况如下：
| 审核事项 | 审核意见 |
| 执法主体是否合法、是否超越法定权限 | {{ review.competence }} |
| 执法人员是否具备执法资格 | {{ review.officers }} |
| 执法程序是否合法 | {{ review.procedure }} |
| 案件事实是否清楚，证据是否合法充分 | {{ review.facts }} |
| 适用法律、法规、规章是否准确 | {{ review.law }} |
| 裁量基准运用是否适当 | {{ review.discretion }} |
| 执法文书是否完备、规范 | {{ review.documents }} |
| 违法行为是否涉嫌犯罪、需要移送司法机关 | {{ review.crime }} |
## 审核结论
{{ review.conclusion }}
@@ 法制审核人员 | {{ reviewer }} | {{ date }}
"""),
    "collective_discussion": ("集体讨论笔录", """
> 案件编号：{{ case_number }}
> 案由：{{ cause }}
> 讨论时间：{{ discussion_time }}
> 讨论地点：{{ discussion_place }}
> 主持人：{{ chair }}
> 参加人员：{{ attendees }}
> 记录人：{{ recorder }}
依照《中华人民共和国行政处罚法》第五十七条第二款的规定，对情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定。
## 案情汇报
{{ facts }}
## 讨论意见
{% for o in opinions %}{{ o.name }}：{{ o.text }}
{% endfor %}
## 讨论决定
{{ conclusion }}
@@ 参加人员签名 | | {{ date }}
"""),
    "penalty_notice": ("行政处罚事先告知书", f"""
{PARTY}
经查，你（单位）于{{{{ act_date }}}}在{{{{ act_place }}}}{{{{ facts }}}}
以上事实有{{{{ evidence_names }}}}等证据为证。
你（单位）的上述行为违反了{{{{ violated }}}}的规定。依照{{{{ penalty_basis }}}}的规定，本机关拟对你（单位）作出如下行政处罚：{{{{ penalty_text }}}}。
依照《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你（单位）有权进行陈述和申辩。你（单位）可以在收到本告知书之日起{{% firstof statement_days "三" %}}个工作日内向本机关提出陈述、申辩意见；逾期未提出的，视为放弃上述权利。本机关不因你（单位）的陈述、申辩而给予更重的处罚。
{{% if hearing_rights %}}依照《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，你（单位）有权要求举行听证，可以在收到本告知书之日起五个工作日内向本机关提出；逾期未提出的，视为放弃听证权利。{{% endif %}}
> 联系人：{{{{ contact }}}}　联系电话：{{{{ agency_phone }}}}
> 本机关地址：{{{{ agency_address }}}}
{SEAL}
{RECEIPT}
"""),
    "hearing_rights_notice": ("行政处罚听证告知书", f"""
{PARTY}
本机关拟对你（单位）{{{{ cause }}}}作出{{{{ penalty_text }}}}的行政处罚。依照《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，你（单位）有权要求举行听证。如要求听证，应当在收到本告知书之日起五个工作日内向本机关提出；逾期不提出的，视为放弃听证权利。
你（单位）不承担组织听证的费用。你（单位）认为主持人与本案有直接利害关系的，有权申请回避。
> 联系人：{{{{ contact }}}}　联系电话：{{{{ agency_phone }}}}
{SEAL}
{RECEIPT}
"""),
    "hearing_notice": ("行政处罚听证通知书", f"""
{PARTY}
根据你（单位）的听证要求，依照《中华人民共和国行政处罚法》第六十四条的规定，本机关决定于{{{{ hearing_time }}}}在{{{{ hearing_place }}}}就{{{{ cause }}}}举行{{% firstof hearing_publicity "公开" %}}听证。听证主持人：{{{{ hearing_chair }}}}。
请你（单位）准时出席，并携带有关证据材料。你（单位）可以亲自参加听证，也可以委托一至二人代理；委托代理人参加的，应当提交授权委托书。你（单位）认为主持人与本案有直接利害关系的，有权申请回避。
无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利，本机关终止听证。
本通知书于听证七日前送达（《中华人民共和国行政处罚法》第六十四条第二项）。
{SEAL}
{RECEIPT}
"""),
    "hearing_record": ("听证笔录", """
> 案由：{{ cause }}
> 听证时间：{{ hearing_time }}
> 听证地点：{{ hearing_place }}
> 听证主持人：{{ hearing_chair }}　记录人：{{ recorder }}
> 当事人：{{ party.name }}　委托代理人：{{ agent }}
> 案件调查人员：{{ officer_names }}
主持人宣布听证纪律，告知当事人的权利和义务，询问当事人是否申请回避（《中华人民共和国行政处罚法》第六十四条）。
## 调查人员提出的违法事实、证据和处罚建议
{{ facts }}
## 当事人的陈述、申辩和质证意见
{{ statement }}
## 最后陈述
{{ final_statement }}
听证笔录已交当事人核对，当事人认为无误（《中华人民共和国行政处罚法》第六十四条第八项）。
@@ 当事人签名 | | 　　年　　月　　日
@@ 主持人、记录人签名 | | {{ date }}
"""),
    "penalty_decision": ("行政处罚决定书", f"""
{PARTY}
## 一、违法事实和证据
经查，你（单位）于{{{{ act_date }}}}在{{{{ act_place }}}}{{{{ facts }}}}
以上事实有下列证据为证：{{{{ evidence_names }}}}。
本机关于{{{{ notice_date }}}}向你（单位）送达了《行政处罚事先告知书》，告知拟作出行政处罚的内容及事实、理由、依据，以及你（单位）依法享有的陈述、申辩{{% if hearing_rights %}}、要求听证{{% endif %}}等权利（《中华人民共和国行政处罚法》第四十四条、第四十五条{{% if hearing_rights %}}、第六十三条{{% endif %}}）。{{% firstof statement_summary %}}
## 二、行政处罚的种类和依据
你（单位）的上述行为违反了{{{{ violated }}}}的规定。依照{{{{ penalty_basis }}}}的规定，{{% firstof discretion_note %}}本机关决定对你（单位）作出如下行政处罚：
{{{{ penalty_text }}}}。
## 三、履行方式和期限
罚款应当自收到本决定书之日起十五日内缴纳至{{{{ bank }}}}（《中华人民共和国行政处罚法》第六十七条第三款）。到期不缴纳罚款的，本机关可以每日按罚款数额的百分之三加处罚款，加处罚款的数额不超过罚款本数（《中华人民共和国行政处罚法》第七十二条第一款第一项），并依法申请人民法院强制执行。
## 四、救济途径和期限
{REMEDIES}
{SEAL}
"""),
    "no_penalty_decision": ("不予行政处罚决定书", f"""
{PARTY}
经查，你（单位）于{{{{ act_date }}}}在{{{{ act_place }}}}{{{{ facts }}}}
以上事实有{{{{ evidence_names }}}}等证据为证。
你（单位）的上述行为违反了{{{{ violated }}}}的规定。鉴于{{{{ no_penalty_reason }}}}，依照《中华人民共和国行政处罚法》第三十三条{{{{ no_penalty_paragraph }}}}的规定，本机关决定对你（单位）不予行政处罚。
依照《中华人民共和国行政处罚法》第三十三条第三款的规定，本机关已对你（单位）进行了教育，请你（单位）严格遵守法律规定，杜绝此类行为再次发生。
{REMEDIES}
{SEAL}
"""),
    "summary_decision": ("当场行政处罚决定书", f"""
{PARTY}
> 违法时间：{{{{ act_date }}}}　违法地点：{{{{ act_place }}}}
违法事实：{{{{ facts }}}}
你（单位）的上述行为违反了{{{{ violated }}}}的规定。依照{{{{ penalty_basis }}}}和《中华人民共和国行政处罚法》第五十一条、第五十二条的规定，当场作出如下行政处罚：{{{{ penalty_text }}}}。
执法人员已当场告知你（单位）拟作出行政处罚的事实、理由和依据，并告知你（单位）依法享有陈述、申辩的权利（《中华人民共和国行政处罚法》第四十四条、第五十二条）。
罚款应当自收到本决定书之日起十五日内缴纳至{{{{ bank }}}}；依法当场收缴的，执法人员出具专用票据（《中华人民共和国行政处罚法》第六十七条、第六十八条、第七十条）。
{REMEDIES}
{OFFICERS}
@@ 执法人员签名 | {{{{ officer_names }}}} | {{{{ date }}}}
{RECEIPT}
{SEAL}
"""),
    "service_receipt": ("送达回证", """
| 项目 | 内容 |
| 送达文书名称及文号 | {{ served_title }} {{ served_number }} |
| 受送达人 | {{ party.name }} |
| 送达地点 | {% firstof service_place party.address %} |
| 送达方式 | {{ service_method }} |
| 送达人 | {{ officer_names }} |
| 受送达人签名或盖章 | 　　　　　　　　　　年　　月　　日 |
| 代收人及代收理由 | |
| 见证人 | |
| 备注 | {{ service_note }} |
依照《中华人民共和国行政处罚法》第六十一条的规定，行政处罚决定书应当在宣告后当场交付当事人；当事人不在场的，应当在七日内依照《中华人民共和国民事诉讼法》的有关规定送达。
@@ {{ agency }}（印章） | | {{ date }}
"""),
    "demand_notice": ("催告书", f"""
{PARTY}
本机关于{{{{ decided_date }}}}作出{{{{ decision_number }}}}《行政处罚决定书》，决定对你（单位）{{{{ penalty_text }}}}，该决定书已于{{{{ served_date }}}}送达。你（单位）在法定期限内未申请行政复议或者提起行政诉讼，又不履行行政处罚决定。
依照《中华人民共和国行政强制法》第三十五条、第五十四条的规定，现催告你（单位）自收到本催告书之日起十个工作日内履行下列义务：{{{{ obligation }}}}（截至本催告书作出之日，应缴罚款{{{{ fine_amount }}}}元，加处罚款{{{{ surcharge }}}}元）。
你（单位）有权进行陈述和申辩（《中华人民共和国行政强制法》第三十六条）。逾期仍不履行的，本机关将依法申请{{{{ court }}}}强制执行。
{SEAL}
{RECEIPT}
"""),
    "enforcement_application": ("强制执行申请书", """
> 申请人：{{ agency }}
> 住所：{{ agency_address }}
> 法定代表人（负责人）：{{ agency_head }}
> 被申请人：{{ party.name }}
> 住所（地址）：{{ party.address }}
## 申请事项
请求依法强制执行本机关{{ decision_number }}《行政处罚决定书》：{{ penalty_text }}，加处罚款{{ surcharge }}元。
## 事实和理由
本机关于{{ decided_date }}对被申请人作出上述行政处罚决定，并于{{ served_date }}送达。被申请人在法定期限内未申请行政复议或者提起行政诉讼，又不履行。本机关于{{ demand_date }}依法送达催告书，催告期满，被申请人仍未履行。
依照《中华人民共和国行政处罚法》第七十二条第一款第四项、《中华人民共和国行政强制法》第五十三条、第五十四条、第五十五条的规定，特申请贵院强制执行。
> 此致
> {{ court }}
> 附：行政处罚决定书及送达回证、催告书及送达回证、其他相关材料。
@@ 申请人（印章） | {{ agency }} | {{ date }}
"""),
    "closing_report": ("结案报告", """
| 项目 | 内容 |
| 案件编号 | {{ case_number }} |
| 案由 | {{ cause }} |
| 当事人 | {{ party_names }} |
| 立案日期 | {{ filed_date }} |
| 处罚决定书文号 | {{ decision_number }} |
| 处理结果 | {{ outcome }} |
| 执行情况 | {{ execution }} |
| 承办人意见 | 本案行政处罚决定已执行完毕（或者依法终结执行），依照有关规定，建议结案。 |
| 承办人 | {{ officer_names }} |
| 负责人审批意见 | |
| 结案日期 | {{ closed_date }} |
"""),
}
