"""Text patterns behind the risk flags: spam, scams, ad-law wording, sensitive words, complaints.

Each rule names what it caught, so a flag can say *why* a message was flagged. The lists follow
our playbooks: ``07-safe-trading.md`` (代收款, private transfers, admin impersonation),
``10-compliance-risk.md`` (广告法 absolute terms, sensitive-word alerts) and
``09-complaints.md`` (complaints to answer within an hour).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SPAM, SCAM, AD_LAW, SENSITIVE, COMPLAINT = "spam", "scam", "ad_law", "sensitive", "complaint"


@dataclass(frozen=True)
class Rule:
    kind: str
    label: str
    pattern: re.Pattern[str]


def _words(*words: str) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in words), re.I)


RULES: tuple[Rule, ...] = (
    Rule(SPAM, "链接", re.compile(r"https?://|www\.|\b[a-z0-9-]+\.(?:com|cn|net|top|xyz|cc)\b|t\.cn/", re.I)),
    Rule(SPAM, "二维码/拉群", _words("扫码进群", "扫码加群", "群二维码", "扫我二维码", "进群领取", "加群领")),
    Rule(SPAM, "加私人微信", re.compile(r"加我(?:微信|vx|v信|薇信|威信)|(?:微信|vx|wx|v信|薇信)号?[:：\s]*[a-z0-9_-]{5,}", re.I)),
    Rule(SPAM, "兼职/刷单", _words("兼职", "日赚", "日结", "刷单", "躺赚", "招代理", "代理招募", "零投资", "宝妈在家")),
    Rule(SCAM, "代收款", _words("代收款", "代收", "帮忙收款", "替群主收")),
    Rule(SCAM, "私下转账", _words("私下转", "私聊转账", "转到我这", "转给我", "先转账", "私下付款", "加我付款", "扫我的码付")),
    Rule(SCAM, "冒充管理员", _words("我是管理员", "我是群主", "群主让我", "管理员让我", "官方客服", "群主委托", "管理员委托")),
    # The classic lures of the anti-fraud notices: a fee before a refund or prize, a fake "verification".
    Rule(SCAM, "手续费/认证", re.compile(
        r"手续费|保证金|解冻|会员认证|实名认证|系统升级|银行卡密码|(?:付|支付|转)\s*\d+\s*元?(?:运费|邮费)")),
    Rule(SCAM, "成员报告被骗", _words("被骗", "是骗子", "诈骗", "骗钱")),
    Rule(AD_LAW, "广告法绝对化用语", _words(
        "最好", "最佳", "最低价", "最便宜", "最高级", "最优", "第一品牌", "全网第一", "销量第一", "唯一", "国家级",
        "世界级", "顶级", "极品", "万能", "绝对", "100%", "史上最", "全网最低", "首选", "根治", "治愈", "包治")),
    Rule(SENSITIVE, "敏感词", _words(
        "食品安全", "价格欺诈", "拉肚子", "腹泻", "过期", "发霉", "变质", "有虫", "举报", "12315", "曝光", "维权",
        "骗子", "假货", "欺诈", "工商局", "市场监管")),
    Rule(COMPLAINT, "投诉/售后", _words(
        "投诉", "差评", "退款", "退货", "坏了", "烂了", "不新鲜", "质量问题", "怎么还没发货", "还没到", "少发",
        "漏发", "发错", "不满意", "太差", "没人管", "没人回", "客服呢", "举报", "12315", "拉肚子", "吃坏",
        "没收到", "谁负责", "给个说法", "不了了之", "不回消息", "破损", "包装破", "漏了", "货不对板", "描述的不一样",
        "描述的完全不一样", "质量太差", "也有问题", "出问题了", "没发货")),
)


def matches(text: str | None) -> list[Rule]:
    """Every rule ``text`` breaks, at most once each."""
    if not text:
        return []
    return [rule for rule in RULES if rule.pattern.search(text)]


QUESTION_PATTERN = r"[?？]\s*$|吗[。！!]?\s*$|怎么|如何|多少钱|什么时候|几点|请问|能不能|可以.{0,6}吗"
_QUESTION = re.compile(QUESTION_PATTERN)


def is_question(text: str | None) -> bool:
    """Does this member message ask something an admin should answer?"""
    return bool(text) and bool(_QUESTION.search(text.strip()))  # type: ignore[union-attr]
