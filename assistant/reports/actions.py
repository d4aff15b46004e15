"""Next week's action list: rules from the week's findings to the advice of our playbooks.

Each finding (a churn driver, a kind of risk flag, unanswered questions, a recurring question the
playbooks do not answer, a metric in "action" status, members on the churn-risk list) points at
one piece of advice, and each advice names the playbook sections it comes from
(``knowledge/<file>.md › <heading>``), so the manager can read the reasoning. The same advice
triggered by several findings or groups becomes one action with all its reasons. A test checks
that every cited section exists and every quoted sentence is still in the playbook. In an English
report the advice is ``ADVICE_EN``, a translation (the playbooks themselves are Chinese).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..i18n import label, t
from .layout import _keyed
from .model import Action, Kpi, WeeklyReport, fmt

SAFE, ACTIVITIES, METRICS = "07-safe-trading.md", "04-activities.md", "05-metrics.md"
RULES, CONTENT, COMPLAINTS, LAYERING, COMPLIANCE = (
    "02-rules-automation.md", "03-content-interaction.md", "09-complaints.md", "06-member-layering.md",
    "10-compliance-risk.md")


@dataclass(frozen=True)
class Advice:
    title: str
    detail: str
    sources: tuple[tuple[str, str], ...]
    quoted: bool = False  # ``detail`` is verbatim playbook text

    def cited(self) -> list[str]:
        return [f"knowledge/{file} › {section}" for file, section in self.sources]


ADVICE: dict[str, Advice] = {
    "verify_joins": Advice(
        "收紧入群验证，移出广告账号",
        "把发广告、拉群、兼职刷单信息的账号移出群聊并在群里提醒；开启邀请确认、关闭群友自由邀请，新成员按“实名加业务”改群名片；"
        "更换入群二维码或链接；在群规中写明禁止广告及违规处理梯度。",
        ((SAFE, "新成员入群验证"), (SAFE, "定期更换入群二维码"), (RULES, "执行群规：一致比严厉更重要"),
         (RULES, "自动化工具：行为监控"))),
    "campaign_incentive": Advice(
        "调整拉新活动的激励规则",
        "被邀请人进群满一定天数或完成一次互动才计入邀请，核实是真实用户后再发奖（或改为下单后发奖）；复盘这批新人的来源渠道，"
        "下次活动提高入群门槛。",
        ((ACTIVITIES, "裂变海报的风险与控制"), (ACTIVITIES, "裂变海报的搭建步骤"), (ACTIVITIES, "活动复盘"))),
    "scam_response": Advice(
        "处置诈骗风险，发布安全公告",
        "立即移出可疑账号并在群里提醒骗子的手法（不公开受害成员信息）；重申只认官方收款、管理员不会私聊要钱；"
        "查清可疑账号由谁邀请、经哪个二维码进群，并更换二维码。",
        ((SAFE, "发现诈骗后的处置步骤"), (SAFE, "冒充管理员诈骗的识别"), (SAFE, "安全公告示例"))),
    "schedule_posts": Advice(
        "控制消息量：定时推送、分时段答疑",
        "把重要内容固定在早 8 点、中午 12 点、晚 8 点左右发布，设集中答疑时段，刷屏按群规提醒；群人数超过 200 时考虑拆分子群。",
        ((CONTENT, "定时推送与分时段答疑的做法"), (METRICS, "消息量与群规模"))),
    "complaints_135": Advice(
        "按 1-3-5 规则处理积压客诉",
        "收到客诉 1 小时内响应、3 天内给方案、5 天内回访；逐条回复本周未回应的投诉，并记入客诉台账。",
        ((COMPLAINTS, "客诉响应的1-3-5规则"), (COMPLAINTS, "客诉记录与统计"))),
    "duty_roster": Advice(
        "排管理员值班表，按 1-3-5 规则回复提问",
        "按群的活跃时段排管理员值班：客诉 1 小时内响应，普通咨询在工作时段 10 分钟内回复；把本周问得最多的问题做成关键词回复。",
        ((COMPLAINTS, "客诉响应的1-3-5规则"), (METRICS, "响应时长"), (RULES, "自动化工具：关键词回复"))),
    "faq_gaps": Advice(
        "把反复被问的问题写成标准答案",
        "为本周反复出现、手册和 FAQ 还没有答案的话题各写一条简短准确的标准答案，加入知识库并设置关键词回复；"
        "管理员已在群里回答过的话题，可在「群数据 › 话题与常见问题」一键生成 FAQ 后再核对措辞。",
        ((RULES, "自动化工具：关键词回复"),)),
    "content_mix": Advice(
        "调整内容配比，减少硬广",
        "按手册配比安排内容：产品推荐 30% 到 40%，互动话题 25% 到 30%，行业资讯 20% 到 25%，福利活动 10% 到 15%。",
        ((CONTENT, "四类内容的配比建议"),)),
    "ad_law": Advice(
        "修改含广告法绝对化用语的文案",
        "用具体事实替换“最好”“第一”“国家级”等绝对化用语，群内推荐文案发布前按三级审核检查。",
        ((COMPLIANCE, "广告法绝对化用语"), (COMPLIANCE, "内容三级审核制度"))),
    "sensitive": Advice(
        "当天核查敏感词预警",
        "逐条核查触发敏感词的消息；涉及食品安全、举报、曝光的，按客诉分级处理。",
        ((COMPLIANCE, "敏感词监控与关键词预警"), (COMPLAINTS, "客诉的分级"))),
    "win_back": Advice(
        "回访流失预警成员",
        "对连续 3 天未互动的常客一对一回访，以关心为主、不直接推销；回访中听到的不满按客诉流程处理。",
        ((LAYERING, "流失预警：连续3天未互动即回访"),)),
    "metric_exit_rate": Advice(
        "排查退群原因：群规与管理方式",
        "退群率高于 2% 时，需要排查群规和管理方式。退群率上升时，可以检查：最近推送是否过于频繁；是否有争议事件处理不当；"
        "新进群的人是否与群定位不符；是否有人在私下拉人去别的群。",
        ((METRICS, "退群率"),), quoted=True),
    "metric_activity": Advice(
        "提升活跃度：调整内容形式、增加互动",
        "活跃度低于 10% 时，需要调整内容形式或增加互动。活跃度下降时，可以依次检查：最近的互动话题是否太难接话；广告比例是否过高；"
        "是否刚经历一次大规模拉新，分母变大；发言是否集中在少数几个人身上。",
        ((METRICS, "活跃度"),), quoted=True),
    "metric_conversion": Advice(
        "提升转化：优化选品与推荐话术",
        "转化率低于 3% 时，需要优化选品或推荐话术。转化率下降时，可以检查：产品推荐占比是否偏离 30% 到 40% 的建议范围；"
        "商品价格是否失去优势；推荐内容是否说清了适用人群和购买方式；近期是否有未处理好的客诉影响信任。",
        ((METRICS, "转化率"),), quoted=True),
}
# The same advice in English (a translation, not a quotation: the playbooks are Chinese)
ADVICE_EN: dict[str, tuple[str, str]] = {
    "verify_joins": (
        'Tighten join checks and remove ad accounts',
        'Remove accounts that post ads, group invites or side-job/fake-order offers and tell the group why; turn on invite confirmation and stop members inviting freely; ask newcomers to set their group nickname to name + business; replace the group QR code or link; write the ban on ads and the escalation steps into the group rules.'),
    "campaign_incentive": (
        "Change the referral campaign's rewards",
        'Count an invitation only after the invitee has stayed a set number of days or interacted once, and pay the reward after checking they are a real user (or after their first order); review where this cohort came from and raise the entry bar for the next campaign.'),
    "scam_response": (
        'Deal with the scam and post a safety notice',
        'Remove the suspicious accounts at once and warn the group about the trick (without exposing the victims); repeat that only official payment channels count and admins never ask for money in private; find out who invited the accounts and through which QR code, and replace it.'),
    "schedule_posts": (
        'Control the message load: scheduled posts and Q&A hours',
        'Post important content at fixed times (around 8:00, 12:00 and 20:00), set Q&A hours, remind flooders of the rules; consider splitting the group once it passes 200 members.'),
    "complaints_135": (
        'Clear the complaint backlog with the 1-3-5 rule',
        "Respond to a complaint within 1 hour, offer a solution within 3 days and follow up within 5 days; reply one by one to this week's unanswered complaints and log them."),
    "duty_roster": (
        'Set an admin duty roster and answer by the 1-3-5 rule',
        "Schedule admins by the group's busy hours: complaints answered within 1 hour, ordinary questions within 10 minutes in working hours; turn this week's most asked questions into keyword replies."),
    "faq_gaps": (
        'Write standard answers for recurring questions',
        'For each recurring topic the playbooks and FAQ do not answer yet, write one short, accurate standard answer, add it to the knowledge base and set a keyword reply; topics an admin already answered in the group become an FAQ in one click under Groups › Topics and FAQ — then check the wording.'),
    "content_mix": (
        'Rebalance content: fewer hard ads',
        "Follow the playbook's mix: product recommendations 30–40 %, discussion topics 25–30 %, industry news 20–25 %, perks and activities 10–15 %."),
    "ad_law": (
        'Fix copy with absolute claims banned by the Advertising Law',
        'Replace words like “best”, “number one” or “national-level” with concrete facts, and run recommendation copy through the three-step review before posting.'),
    "sensitive": (
        'Check sensitive-word alerts the same day',
        'Check every message that triggered a sensitive word; those about food safety, reports to authorities or public exposure are handled by the complaint grading.'),
    "win_back": (
        'Call back members at risk of leaving',
        'Contact regulars who have not interacted for 3 days one by one, to show care rather than to sell; handle any dissatisfaction you hear as a complaint.'),
    "metric_exit_rate": (
        'Look into why members leave: rules and management',
        "Above a 2 % exit rate, review the group rules and how the group is run. When exits rise, check: are posts too frequent; was a dispute handled badly; do newcomers fit the group's purpose; is someone poaching members for another group."),
    "metric_activity": (
        'Raise activity: change content formats, add interaction',
        'Below 10 % activity, change content formats or add interaction. When activity falls, check in turn: are recent topics hard to join in; is the share of ads too high; did a large recruitment just enlarge the denominator; is talk concentrated on a few people.'),
    "metric_conversion": (
        'Raise conversion: better product choice and pitch',
        'Below 3 % conversion, improve product choice or the pitch. When conversion falls, check: has the share of product recommendations left the 30–40 % range; are prices still competitive; do recommendations say who the product is for and how to buy; are unresolved complaints hurting trust.'),
}
DRIVER_ADVICE = {"spam_ads": "verify_joins", "low_quality_influx": "campaign_incentive", "scam_incident": "scam_response",
                 "message_overload": "schedule_posts", "unresolved_complaints": "complaints_135",
                 "admin_unresponsive": "duty_roster", "promo_fatigue": "content_mix"}
RISK_ADVICE = {"spam": "verify_joins", "scam": "scam_response", "ad_law": "ad_law", "sensitive": "sensitive",
               "unanswered_complaint": "complaints_135"}
METRIC_ADVICE = {"exit_rate": "metric_exit_rate", "activity_rate": "metric_activity",
                 "conversion_rate": "metric_conversion", "messages_per_day": "schedule_posts"}


class _Plan:
    """Findings collected per advice, in the order they were first raised."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.found: dict[str, tuple[list[str], list[str]]] = {}

    def add(self, advice: str, group: str, reason: str) -> None:
        reasons, groups = self.found.setdefault(advice, ([], []))
        if reason not in reasons:
            reasons.append(reason)
        if group not in groups:
            groups.append(group)

    def actions(self) -> list[Action]:
        return [Action(key, *self._words(key), reasons, ADVICE[key].cited(), groups) for key, (reasons, groups) in self.found.items()]

    def _words(self, key: str) -> tuple[str, str]:
        return ADVICE_EN[key] if self.language == "en" else (ADVICE[key].title, ADVICE[key].detail)


def plan(report: WeeklyReport) -> list[Action]:
    """The action list for ``report``, incidents first, then risks, questions, metrics and follow-ups."""
    lang = report.language
    found = _Plan(lang)
    for churn in report.churn:
        for driver in (d for d in churn.drivers if d.id in DRIVER_ADVICE):
            found.add(DRIVER_ADVICE[driver.id], churn.group, t(
                "report.why.driver", lang, group=churn.group, driver=driver.label if lang == "zh" else label("driver", driver.id, lang),
                confidence=driver.confidence if lang == "zh" else _keyed("confidence", driver.confidence, lang)))
    flagged = Counter((f["kind"], f["group"], f["label"]) for f in report.risks)
    for (kind, group, name), count in flagged.items():
        if kind in RISK_ADVICE:
            shown = label("risk", kind, lang) if lang == "en" else name
            found.add(RISK_ADVICE[kind], group, t("report.why.risk", lang, group=group, risk=shown, n=count))
    for kpi in report.group_kpis:
        if kpi.key == "unanswered_questions" and kpi.value:
            found.add("duty_roster", kpi.group, t("report.why.unanswered", lang, group=kpi.group, n=fmt(kpi.value)))
    for question in report.questions:
        if report.coverage_checked and not question.covered:
            for group in question.groups:
                found.add("faq_gaps", group, t("report.why.gap", lang, group=group, topic=question.label, n=question.count))
    for kpi in report.group_kpis:
        if kpi.status == "action" and kpi.key in METRIC_ADVICE:
            found.add(METRIC_ADVICE[kpi.key], kpi.group, _metric_reason(report, kpi))
    if report.segments.churn_risk:
        found.add("win_back", report.scope, t("report.why.at_risk", lang, n=report.segments.churn_risk))
    return found.actions()


def _metric_reason(report: WeeklyReport, kpi: Kpi) -> str:
    lang = report.language
    reason = t("report.why.metric", lang, group=kpi.group, metric=kpi.label if lang == "zh" else label("metric", kpi.key, lang),
               value=fmt(kpi.value, kpi.kind), status=kpi.status_label if lang == "zh" else label("health", kpi.status, lang))
    if kpi.key == "exit_rate":
        churn = next((c for c in report.churn if c.group == kpi.group), None)
        if churn and not churn.significant:
            reason += t("report.why.verdict", lang, verdict=churn.verdict_in(lang))
    return reason
