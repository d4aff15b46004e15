"""The drafting jobs: what each asks the user, and the context code gathers for its prompt.

Every job shares the prompt variables ``request`` (the user's text), ``fields`` (the form, with
defaults filled in), ``passages`` (playbook sections), ``context`` (facts computed here: a
complaint's category and deadlines, a dispute's timeline, a group's segments and past results),
``feedback`` and ``previous`` (for regenerating), and ``language``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from typing import TYPE_CHECKING

from ..errors import AssistantError, InputError
from ..i18n import label, t
from ..safety.fence import defuse
from ..safety.pii import Masker
from . import complaint, dispute
from .compliance import GroupRules

if TYPE_CHECKING:
    from ..analytics import Analytics
    from ..retrieval import Passage

ANNOUNCEMENT_LIMIT = 2000  # characters a WeChat group notice can hold
LENGTHS = {"short": 150, "medium": 300, "long": 600}


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    default: str = ""
    options: tuple[str, ...] = ()
    multiline: bool = False


@dataclass
class DraftContext:
    """What a job may consult: the knowledge base, the analytics (when data exists), the group."""

    search: Callable[..., list[Passage]]
    analytics: Analytics | None
    group: str | None
    masker: Masker = field(default_factory=Masker)
    language: str = "zh"  # of the fix-it errors


@dataclass(frozen=True)
class JobSpec:
    name: str
    label: str
    prompt: str
    fields: tuple[FieldSpec, ...]
    text_label: str
    gather: Callable[[str, dict, DraftContext], tuple[list[Passage], dict]]
    needs_text: bool = False

    def complete(self, given: dict[str, str], language: str = "zh") -> dict[str, str]:
        """``given`` with the defaults filled in; an unknown field or option is refused in ``language``
        (the options are the jobs' Chinese values: keys, named as they must be typed)."""
        unknown = set(given) - {f.name for f in self.fields}
        job = self.label if language == "zh" else label("job", self.name, language)
        if unknown:
            raise InputError(t("drafts.error.unknown_fields", language, job=job, names=", ".join(sorted(unknown))))
        # a free field's default is a sentence, written in ``language``; an option's is a key
        values = {f.name: (given.get(f.name) or (f.default if f.options else label("draft_default", f.default, language)))
                  for f in self.fields}
        for f in self.fields:
            if f.options and values[f.name] not in f.options:
                name = f.label if language == "zh" else label("draft_field", f"{self.name}.{f.name}", language)
                raise InputError(t("drafts.error.option", language, field=name, value=values[f.name],
                                   options=t("tool.names", language).join(f.options)))
        return values


def _passages(ctx: DraftContext, query: str, k: int = 3) -> list[Passage]:
    return ctx.search(query, k)


def _announcement(text: str, fields: dict, ctx: DraftContext) -> tuple[list[Passage], dict]:
    facts = [line.strip(" -•") for line in re.split(r"[\n；;]", f"{fields['facts']}\n{text}") if line.strip(" -•")]
    limit = min(LENGTHS[fields["length"]], ANNOUNCEMENT_LIMIT)
    return _passages(ctx, f"群公告 {fields['purpose']} 写法"), {"facts": facts, "limit": limit}


def _rules(text: str, fields: dict, ctx: DraftContext) -> tuple[list[Passage], dict]:
    passages = _passages(ctx, "群规 四个模块 入群流程 行为规范 价值输出 退出机制", 2)
    passages += _passages(ctx, f"{fields['group_type']} 定位与运营重点", 1)
    if fields["one_order"] == "是":
        passages += _passages(ctx, "一单一结 群收款 单笔金额上限 签收24小时内", 2)
    return passages, {"notes": text.strip()}


def _activity(text: str, fields: dict, ctx: DraftContext) -> tuple[list[Passage], dict]:
    kind = fields["kind"]
    passages = [p for p in _passages(ctx, f"{kind} 玩法 搭建步骤 预期效果 风险与控制", 6) if kind in p.title][:4]
    expected = [s for p in passages if "预期效果" in p.title for s in re.findall(r"[^。；]*\d+%[^。；]*", p.body)]
    return passages, {"expected": expected[:4], "group": _group_facts(ctx), "notes": text.strip()}


def _dispute(text: str, fields: dict, ctx: DraftContext) -> tuple[list[Passage], dict]:
    if text.strip():
        lines = dispute.parse(text, ctx.masker)
    elif ctx.group and ctx.analytics and fields["since"] and fields["until"]:
        lines = dispute.from_store(ctx.analytics.messages(ctx.group, fields["since"], fields["until"]), ctx.masker)
    else:
        raise InputError(t("drafts.error.dispute_input", ctx.language))
    if not lines:
        raise InputError(t("drafts.error.dispute_lines", ctx.language))
    lines, aliases = dispute.alias(lines, ctx.masker)
    passages = _passages(ctx, "纠纷处理 签收24小时内申报 证据留存 第三方仲裁", 3)
    return passages, {"lines": lines, "parties": dispute.parties(lines), "amounts": dispute.amounts(lines),
                      "aliases": aliases}


def _complaint(text: str, fields: dict, ctx: DraftContext) -> tuple[list[Passage], dict]:
    if not text.strip():
        raise InputError(t("drafts.error.complaint_input", ctx.language))
    reading = complaint.read(text)
    passages = _passages(ctx, f"客诉 1-3-5 响应 补偿方案 {' '.join(reading.labels)}", 3)
    return passages, {"reading": reading.to_dict(ctx.language), "complaint": defuse(ctx.masker.mask(text.strip()))}


def _group_facts(ctx: DraftContext) -> dict:
    """This group's segments and last week's results, when a group with data is chosen."""
    if ctx.analytics is None or not ctx.group:
        return {}
    try:
        period = ctx.analytics.latest_week(ctx.group)
        report = ctx.analytics.metrics(period, ctx.group)[0]
        segments = ctx.analytics.segments(ctx.group)
    except AssistantError:
        return {}
    silent = sum(1 for s in segments if s.stage == "沉默")
    risk = sum(1 for s in segments if s.churn_risk)
    figures = {key: report.get(key).value for key in ("members_end", "activity_rate", "conversion_rate", "gmv")}
    return {"name": ctx.group, "week": period.label, "silent": silent, "churn_risk": risk, **figures}


JOBS: dict[str, JobSpec] = {spec.name: spec for spec in (
    JobSpec("announcement", "群公告", "announcement", (
        FieldSpec("purpose", "公告目的", "活动", ("活动", "群规变更", "节假日", "新品", "通知")),
        FieldSpec("facts", "关键信息（时间、价格、截止、地点，每行一条）", "", multiline=True),
        FieldSpec("tone", "语气", "亲切", ("亲切", "正式", "活泼")),
        FieldSpec("length", "长度", "medium", tuple(LENGTHS)),
        FieldSpec("emoji", "加表情", "是", ("是", "否")),
    ), "补充说明", _announcement),
    JobSpec("rules", "群规", "rules", (
        FieldSpec("group_type", "群类型", "客户售后群", ("客户售后群", "产品推广群", "代理培训群", "品牌粉丝群")),
        FieldSpec("one_order", "一单一结交易", "是", ("是", "否")),
        FieldSpec("order_limit", "单笔上限（元，可空）", ""),
        FieldSpec("claim_hours", "质量问题申报时限（小时）", "24"),
    ), "其他要求", _rules),
    JobSpec("activity", "活动方案", "activity_plan", (
        FieldSpec("kind", "活动类型", "拼团秒杀", ("拼团秒杀", "裂变海报", "积分兑换", "打卡挑战", "接龙")),
        FieldSpec("goal", "目标", "提升活跃和转化"),
        FieldSpec("budget", "预算（元）", "500"),
        FieldSpec("dates", "时间", "下周一至周日"),
    ), "补充说明", _activity),
    JobSpec("dispute", "纠纷总结", "dispute_summary", (
        FieldSpec("since", "或：从哪天（YYYY-MM-DD，用已导入群的记录）", ""),
        FieldSpec("until", "到哪天（含）", ""),
    ), "纠纷聊天记录", _dispute),
    JobSpec("complaint", "投诉回复", "complaint_reply", (
        FieldSpec("brand", "品牌/店名", "本群"),
        FieldSpec("voice", "语气", "真诚", ("真诚", "专业", "亲切")),
    ), "客户的投诉原话", _complaint, needs_text=True),
)}


# Feedback an offline regeneration can act on: words of the feedback -> a form option.
FEEDBACK_OPTIONS = (
    (re.compile(r"短|精简|简洁|简练"), "length", "short"), (re.compile(r"长一些|详细|展开|具体些"), "length", "long"),
    (re.compile(r"正式|严肃|官方"), "tone", "正式"), (re.compile(r"活泼|轻松|俏皮"), "tone", "活泼"),
    (re.compile(r"亲切|温和|温柔"), "tone", "亲切"), (re.compile(r"(?:不要|去掉|别用|少用|别加)表情"), "emoji", "否"),
    (re.compile(r"(?:加|多用|多点|加点)表情"), "emoji", "是"), (re.compile(r"专业"), "voice", "专业"),
    (re.compile(r"真诚|诚恳"), "voice", "真诚"), (re.compile(r"亲切|温和"), "voice", "亲切"),
)


def adjust(spec: JobSpec, fields: dict[str, str], feedback: str) -> dict[str, str]:
    """The form options ``feedback`` asks to change ("更简短一些" → length short), for a regeneration
    without a model; only options this job has, with values it accepts."""
    options = {f.name: f.options for f in spec.fields}
    changed: dict[str, str] = {}
    for pattern, name, value in FEEDBACK_OPTIONS:
        if name in options and name not in changed and value in options[name] and pattern.search(feedback):
            if fields.get(name) != value:
                changed[name] = value
    return changed


def rules_of(fields: dict[str, str]) -> GroupRules:
    """The group-rule facts a draft is checked against."""
    limit = fields.get("order_limit", "")
    hours = fields.get("claim_hours", "24")
    return GroupRules(int(hours) if hours.isdigit() else 24, True, float(limit) if re.fullmatch(r"\d+(\.\d+)?", limit or "") else None)
