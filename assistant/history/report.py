"""The import report: what a file held, what it added, and what was assumed or skipped.

The same object feeds the CLI (text or ``--json``), the page and the import log, so the three never
disagree about what happened to a file.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .options import DEFAULT_TZ

KIND_LABELS = {
    "text": "文本", "image": "图片", "voice": "语音", "video": "视频", "sticker": "表情", "location": "位置",
    "card": "名片", "call": "通话", "link": "链接", "file": "文件", "forward": "合并转发", "mini_program": "小程序",
    "reply": "引用回复", "channels_video": "视频号", "solitaire": "接龙", "notice": "群公告", "transfer": "转账",
    "red_packet": "红包", "poll": "投票", "music": "音乐", "other": "其他",
}  # fmt: skip
EVENT_LABELS = {"join": "入群", "leave": "主动退群", "removed": "被移出", "exit": "退群（原因未知）"}
GROUP_EVENT_LABELS = {
    "revoke": "撤回", "pat": "拍一拍", "rename": "改群名", "red_packet": "红包", "red_packet_claim": "领红包",
    "solitaire": "接龙", "pin": "置顶", "notice": "群公告", "system": "其他系统消息",
}  # fmt: skip
STATUS_LABELS = {"ok": "成功", "failed": "失败", "duplicate": "已导入过，跳过"}


@dataclass
class ImportReport:
    file: str
    status: str = "ok"  # ok | failed | duplicate
    format: str | None = None
    format_label: str | None = None
    groups: list[str] = field(default_factory=list)
    tz: str = DEFAULT_TZ
    encoding: str | None = None
    first: str | None = None
    last: str | None = None
    messages_by_kind: dict[str, int] = field(default_factory=dict)
    messages_added: int = 0
    member_events: dict[str, int] = field(default_factory=dict)  # stated in the file, by kind
    member_events_added: int = 0
    inferred_exits: int = 0  # exits the group's snapshots now imply (whole group)
    inferred_joins: int = 0
    group_events: dict[str, int] = field(default_factory=dict)  # by kind, in the file
    group_events_added: int = 0
    snapshots: int = 0
    snapshot_members: int = 0
    orders: int = 0
    orders_added: int = 0
    orders_updated: int = 0
    solitaire_orders: int = 0  # orders read from the touched groups' 接龙 lists (derived, whole group)
    solitaire_in_exports: int = 0  # 接龙 lines an exported order (快团团 …) already stands for
    daily_stats: int = 0
    names: dict[str, int] = field(default_factory=dict)
    skipped: int = 0
    skipped_reasons: dict[str, int] = field(default_factory=dict)
    skipped_examples: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.status != "failed"

    @property
    def messages(self) -> int:
        return sum(self.messages_by_kind.values())

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "messages": self.messages}

    def lines(self) -> list[str]:
        """The report as short Chinese lines, for the terminal and the page."""
        head = f"{self.file}: {STATUS_LABELS[self.status]}"
        if self.format_label:
            head += f" · {self.format_label}"
        if self.status == "failed":
            return [head, f"  原因: {self.error}"]
        out = [head]
        if self.groups:
            out.append(f"  群: {'、'.join(self.groups)}  时区: {self.tz}  编码: {self.encoding or '-'}")
        if self.first:
            out.append(f"  时间范围: {self.first} ~ {self.last}")
        out += self._counts()
        out += [f"  注意: {w}" for w in self.warnings]
        if self.skipped:
            reasons = "；".join(f"{r} {n} 行" for r, n in self.skipped_reasons.items())
            out.append(f"  跳过 {self.skipped} 行: {reasons}")
            out += [f"    {example}" for example in self.skipped_examples]
        return out

    def _counts(self) -> list[str]:
        out = []
        if self.messages:
            kinds = "，".join(f"{KIND_LABELS.get(k, k)} {n}" for k, n in self.messages_by_kind.items())
            out.append(f"  消息 {self.messages} 条（新增 {self.messages_added}）: {kinds}")
        if self.member_events:
            events = "，".join(f"{EVENT_LABELS.get(k, k)} {n}" for k, n in self.member_events.items())
            out.append(f"  成员变动: {events}（新增 {self.member_events_added}）")
        if self.group_events:
            events = "，".join(f"{GROUP_EVENT_LABELS.get(k, k)} {n}" for k, n in self.group_events.items())
            out.append(f"  群事件: {events}（新增 {self.group_events_added}）")
        if self.snapshots:
            out.append(f"  成员快照 {self.snapshots} 份，共 {self.snapshot_members} 人次")
        if self.inferred_exits or self.inferred_joins:
            out.append(
                f"  按快照推断: 退群 {self.inferred_exits} 人次、入群 {self.inferred_joins} 人次"
                "（时间只能确定在两次快照之间）"
            )
        if self.orders:
            out.append(f"  订单 {self.orders} 笔（新增 {self.orders_added}，更新 {self.orders_updated}）")
        if self.solitaire_orders or self.solitaire_in_exports:
            line = f"  接龙订单 {self.solitaire_orders} 笔（从群接龙读出，每行一笔"
            if self.solitaire_in_exports:
                line += f"；另有 {self.solitaire_in_exports} 行与导入的订单是同一单，按导入的订单计"
            out.append(line + "）")
        if self.daily_stats:
            out.append(f"  每日统计 {self.daily_stats} 项")
        if self.names.get("matched") or self.names.get("ambiguous"):
            out.append(
                f"  昵称匹配到成员 {self.names.get('matched', 0)} 个，重名无法确定 {self.names.get('ambiguous', 0)} 个"
            )
        return out
