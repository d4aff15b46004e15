"""Group-buy orders from 快团团 (Pinduoduo) exports, as XLSX or CSV.

No official spec exists; these headers come from several independent importers (docs/formats.md
§6.1): 跟团号, 下单人, 支付时间, 商品, 订单金额, 退款金额 or 订单退款, 订单状态, 联系电话 …
``下单人`` is a WeChat nickname (no wxid), so buyers are linked to members by name. 跟团号 repeats
across activities, so an order is keyed by (跟团号, 下单人, 支付时间).
"""

from __future__ import annotations

from ...i18n import t
from ..batch import Batch
from ..errors import InputError
from ..options import ImportOptions
from ..records import Order
from ..source import Source
from . import tables
from .base import clean, require_group

NAME = "ktt_orders"
LABEL = "快团团订单导出 XLSX / CSV"
PLATFORM = "wechat"
NO, BUYER, PAID = ("跟团号",), ("下单人", "团员昵称", "下单人昵称"), ("支付时间", "下单时间")
ITEMS, AMOUNT = ("商品", "商品名称", "商品信息"), ("订单金额", "实付金额", "支付金额")
REFUND, STATUS, PHONE = (
    ("退款金额", "订单退款", "已退款金额"),
    ("订单状态", "状态"),
    ("联系电话", "手机号", "收货人电话"),
)
RECEIVER = ("收货人",)
STATUSES = (("部分退款", "partially_refunded"), ("退款", "refunded"), ("取消", "cancelled"), ("关闭", "cancelled"),
            ("待支付", "pending"), ("未支付", "pending"))  # fmt: skip


def _fits(header: list[str]) -> bool:
    return bool(tables.find(header, NO) and (tables.find(header, BUYER) or tables.find(header, RECEIVER)))


def sniff(source: Source) -> bool:
    return any(_fits(header) for header in tables.headers(source))


def read(source: Source, options: ImportOptions, batch: Batch) -> None:
    grp = batch.group(name=require_group(source, options, "快团团订单"))
    table = tables.read(source, _fits)
    if not table.column(PAID):
        raise InputError(t("import.error.ktt_shipping", source.language, file=source.name))
    col = {key: table.column(aliases) for key, aliases in (
        ("no", NO), ("buyer", BUYER), ("receiver", RECEIVER), ("paid", PAID), ("items", ITEMS), ("amount", AMOUNT),
        ("refund", REFUND), ("status", STATUS), ("phone", PHONE))}  # fmt: skip
    for line, row in table.rows:
        paid = tables.as_time(row.get(col["paid"]), options.tz)
        if paid is None:
            batch.skip(line, t("import.skip.no_payment", batch.language))
            continue
        cell = {key: clean(row.get(name)) if name else None for key, name in col.items()}
        amount, refund = tables.as_money(cell["amount"]), tables.as_money(cell["refund"])
        batch.orders.append(Order(
            paid, cell["no"], cell["buyer"] or cell["receiver"], None, cell["phone"], cell["items"],
            amount, refund, status(cell["status"], amount, refund), cell["status"], None, line, grp,
        ))  # fmt: skip


def status(raw: str | None, amount: object, refund: object) -> str:
    """A canonical status from the exporter's words, falling back on the refund amount."""
    for word, canonical in STATUSES:
        if raw and word in raw:
            return canonical
    if refund and amount and refund >= amount:  # type: ignore[operator]
        return "refunded"
    if refund:
        return "partially_refunded"
    return "paid"
