"""The stage definitions of a case (seeded into ``Stage`` by ``ensure_stages``): order, the deadline rule that
runs from the stage's start, the responsible role and the article that requires the stage."""

from zongzhi.users import roles

from .choices import StageCode as S

STAGES = [
    dict(code=S.FILING, deadline_rule="", responsible_role=roles.LEADER,
         citation="《行政处罚法》第五十四条第二款"),
    dict(code=S.INVESTIGATION, deadline_rule="", responsible_role=roles.OFFICER,
         citation="《行政处罚法》第五十四条第一款、第五十五条"),
    dict(code=S.REPORT, deadline_rule="", responsible_role=roles.OFFICER, citation="《行政处罚法》第五十七条"),
    dict(code=S.LEGAL_REVIEW, deadline_rule="legal-review", responsible_role=roles.LEGAL_REVIEWER,
         conditional=True, citation="《行政处罚法》第五十八条"),
    dict(code=S.DISCUSSION, deadline_rule="", responsible_role=roles.LEADER, conditional=True,
         citation="《行政处罚法》第五十七条第二款"),
    dict(code=S.NOTICE, deadline_rule="", responsible_role=roles.OFFICER,
         citation="《行政处罚法》第四十四条、第六十二条"),
    dict(code=S.HEARING, deadline_rule="", responsible_role=roles.OFFICER,
         citation="《行政处罚法》第四十五条、第六十三条、第六十四条"),
    dict(code=S.DECISION, deadline_rule="", responsible_role=roles.LEADER,
         citation="《行政处罚法》第五十七条、第五十九条、第六十条"),
    dict(code=S.SERVICE, deadline_rule="decision-service", responsible_role=roles.OFFICER,
         citation="《行政处罚法》第六十一条"),
    dict(code=S.EXECUTION, deadline_rule="fine-payment", responsible_role=roles.OFFICER,
         citation="《行政处罚法》第六十六条至第七十三条"),
    dict(code=S.CLOSURE, deadline_rule="", responsible_role=roles.LEADER, citation="《行政处罚法》第五十七条"),
    dict(code=S.ARCHIVE, deadline_rule="", responsible_role=roles.OFFICER, citation="《行政处罚法》第四十七条"),
]
