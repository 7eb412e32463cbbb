"""The national deadline rules seeded by ``manage.py seed_deadline_rules`` (DOMAIN.md §4, anchors-cn.md §2).

Each rule: a stable code, its Chinese name, how many units from which event, and the article that says so.
"二日/三日/五日/七日" in the 行政处罚法 and periods "十日以内" in the 行政强制法 are working days (行政处罚法第八十五条,
行政强制法第六十九条); every other period is in natural days or months. Local rules (a justice bureau's own
numbers) are rules of the same code with a region; they are entered in the UI, not here.
"""

from .choices import Direction, TimeUnit

WD, ND, H, M = TimeUnit.WORKING_DAYS, TimeUnit.NATURAL_DAYS, TimeUnit.HOURS, TimeUnit.MONTHS
AFTER, BEFORE = Direction.AFTER, Direction.BEFORE

RULES = [
    # 行政处罚法 (2021)
    dict(code="penalty-decision", name="作出行政处罚决定", count=90, unit=ND, direction=AFTER,
         start_event="立案", citation="《行政处罚法》第六十条",
         note="法律、法规、规章另有规定的，从其规定（如市场监管领域经批准可延长）。"),
    dict(code="hearing-request", name="当事人申请听证", count=5, unit=WD, direction=AFTER,
         start_event="行政机关告知听证权利", citation="《行政处罚法》第六十四条第一项、第八十五条"),
    dict(code="hearing-notice", name="通知听证时间地点", count=7, unit=WD, direction=BEFORE,
         start_event="举行听证", citation="《行政处罚法》第六十四条第二项、第八十五条",
         note="最迟应在此日通知当事人及有关人员。"),
    dict(code="evidence-preservation-decision", name="先行登记保存后作出处理决定", count=7, unit=WD, direction=AFTER,
         start_event="先行登记保存", citation="《行政处罚法》第五十六条、第八十五条"),
    dict(code="decision-service", name="送达行政处罚决定书（当事人不在场）", count=7, unit=WD, direction=AFTER,
         start_event="宣告行政处罚决定", citation="《行政处罚法》第六十一条、第八十五条"),
    dict(code="public-notice-service", name="公告送达视为送达", count=30, unit=ND, direction=AFTER,
         start_event="发出公告", citation="《民事诉讼法》第九十五条（依《行政处罚法》第六十一条适用）"),
    dict(code="fine-payment", name="缴纳罚款", count=15, unit=ND, direction=AFTER,
         start_event="收到行政处罚决定书", citation="《行政处罚法》第六十七条"),
    dict(code="onsite-fine-handover", name="当场收缴的罚款交至行政机关", count=2, unit=WD, direction=AFTER,
         start_event="当场收缴罚款", citation="《行政处罚法》第七十一条、第八十五条",
         note="行政机关应在收到后二日内将罚款缴付指定的银行。"),
    dict(code="publication-withdrawal", name="撤回已公开的行政处罚决定信息", count=3, unit=WD, direction=AFTER,
         start_event="公开的决定被变更、撤销、确认违法或者确认无效", citation="《行政处罚法》第四十八条、第八十五条"),
    dict(code="limitation", name="违法行为追责时效", count=24, unit=M, direction=AFTER,
         start_event="违法行为发生（连续或者继续状态的，自行为终了）", citation="《行政处罚法》第三十六条",
         note="二年内未被发现的，不再给予行政处罚。"),
    dict(code="limitation-safety", name="违法行为追责时效（涉及生命健康安全、金融安全且有危害后果）", count=60, unit=M,
         direction=AFTER, start_event="违法行为发生（连续或者继续状态的，自行为终了）", citation="《行政处罚法》第三十六条"),
    # 国办发〔2018〕118号 (行政执法三项制度)
    dict(code="penalty-publication", name="行政处罚决定公示", count=7, unit=WD, direction=AFTER,
         start_event="作出行政处罚决定",
         citation="《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》"
                  "（国办发〔2018〕118号）"),
    dict(code="decision-publication", name="其他行政执法决定公示", count=20, unit=WD, direction=AFTER,
         start_event="作出行政执法决定",
         citation="《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》"
                  "（国办发〔2018〕118号）"),
    # 行政强制法 (2011)
    dict(code="seizure", name="查封、扣押期限", count=30, unit=ND, direction=AFTER,
         start_event="作出查封、扣押决定", citation="《行政强制法》第二十五条",
         note="检测、检验、检疫或者技术鉴定的期间不计入，应书面告知当事人。"),
    dict(code="seizure-extension", name="查封、扣押延长期限", count=30, unit=ND, direction=AFTER,
         start_event="原查封、扣押期限届满", citation="《行政强制法》第二十五条",
         note="情况复杂的，经行政机关负责人批准，可延长一次。"),
    dict(code="emergency-measure-report", name="当场实施行政强制措施后报告负责人", count=24, unit=H, direction=AFTER,
         start_event="当场实施行政强制措施", citation="《行政强制法》第十九条"),
    dict(code="enforcement-demand", name="催告书送达后申请法院强制执行", count=10, unit=WD, direction=AFTER,
         start_event="催告书送达", citation="《行政强制法》第五十四条、第六十九条",
         note="期满当事人仍未履行的，可向人民法院申请强制执行。"),
    dict(code="court-enforcement-application", name="申请人民法院强制执行", count=3, unit=M, direction=AFTER,
         start_event="复议、诉讼期限届满", citation="《行政强制法》第五十三条"),
    # 救济期限
    dict(code="reconsideration", name="申请行政复议", count=60, unit=ND, direction=AFTER,
         start_event="知道或者应当知道该行政行为", citation="《行政复议法》第二十条"),
    dict(code="lawsuit", name="提起行政诉讼", count=6, unit=M, direction=AFTER,
         start_event="知道或者应当知道作出行政行为", citation="《行政诉讼法》第四十六条"),
    dict(code="lawsuit-after-reconsideration", name="复议后提起行政诉讼", count=15, unit=ND, direction=AFTER,
         start_event="收到复议决定书", citation="《行政诉讼法》第四十五条"),
    # 行刑衔接 (国务院令第310号, 2020 rev.)
    dict(code="criminal-transfer-decision", name="负责人决定是否移送涉嫌犯罪案件", count=3, unit=ND, direction=AFTER,
         start_event="收到移送涉嫌犯罪案件的书面报告", citation="《行政执法机关移送涉嫌犯罪案件的规定》（国务院令第310号）第五条"),
    dict(code="criminal-transfer", name="向公安机关移送涉嫌犯罪案件", count=24, unit=H, direction=AFTER,
         start_event="负责人批准移送", citation="《行政执法机关移送涉嫌犯罪案件的规定》（国务院令第310号）第五条"),
    # Policy and local defaults (configurable per jurisdiction with a local rule)
    dict(code="random-inspection-publication", name="双随机抽查结果公示", count=20, unit=WD, direction=AFTER,
         start_event="抽查检查结束", citation="“双随机、一公开”监管制度；河北省冀政办发〔2015〕22号",
         note="默认值取自地方规定，各地可按本地规定设置本辖区规则。"),
    dict(code="assistance-reply", name="执法协作请求书面答复", count=3, unit=WD, direction=AFTER,
         start_event="收到协作请求", citation="地方规定（乡镇执法协作机制，默认值）",
         note="法律未规定答复期限（《行政处罚法》第二十六条只规定协助义务）；各地可按本地规定设置本辖区规则。"),
    dict(code="legal-review", name="重大执法决定法制审核", count=7, unit=WD, direction=AFTER,
         start_event="收到法制审核材料", citation="地方规定（如宁夏回族自治区住房和城乡建设厅，默认值）",
         note="《行政处罚法》第五十八条要求法制审核，未规定期限；各地可按本地规定设置本辖区规则。"),
]
