"""Orders from any shop or mini-program, as a plain CSV/XLSX with an order number and an amount.

群接龙 and most shops have no documented export (docs/formats.md §6.2), so columns are matched by
common English and Chinese names. The order number is the key: a re-export with new refunds updates
the stored order instead of adding another.
"""

from __future__ import annotations

from ...i18n import t
from ..batch import Batch
from ..options import ImportOptions
from ..records import Order
from ..source import Source
from . import tables
from .base import clean, require_group
from .ktt_orders import status

NAME = "plain_orders"
LABEL = "通用订单表 CSV / XLSX"
PLATFORM = "other"
ORDER_NO = ("order_id", "order_no", "订单号", "订单编号", "订单ID")
AMOUNT = ("amount", "total", "金额", "订单金额", "实付金额", "支付金额")
PAID = ("paid_at", "time", "created_at", "order_time", "支付时间", "下单时间", "时间")
BUYER = ("buyer", "buyer_name", "customer", "买家", "下单人", "客户", "会员")
BUYER_ID = ("buyer_id", "user_id", "userid", "wxid", "买家ID", "会员ID")
REFUND = ("refund", "refund_amount", "退款", "退款金额")
STATUS = ("status", "状态", "订单状态")
ITEMS = ("items", "product", "商品", "商品名称")
PHONE = ("phone", "mobile", "手机号", "联系电话")


def _fits(header: list[str]) -> bool:
    return bool(tables.find(header, ORDER_NO) and tables.find(header, AMOUNT))


def sniff(source: Source) -> bool:
    return any(_fits(header) for header in tables.headers(source))


def read(source: Source, options: ImportOptions, batch: Batch) -> None:
    grp = batch.group(name=require_group(source, options, "订单表"))
    table = tables.read(source, _fits)
    col = {key: table.column(aliases) for key, aliases in (
        ("no", ORDER_NO), ("amount", AMOUNT), ("paid", PAID), ("buyer", BUYER), ("buyer_id", BUYER_ID),
        ("refund", REFUND), ("status", STATUS), ("items", ITEMS), ("phone", PHONE))}  # fmt: skip
    for line, row in table.rows:
        cell = {key: clean(row.get(c)) if c else None for key, c in col.items()}
        paid = tables.as_time(row.get(col["paid"]), options.tz) if col["paid"] else None
        if paid is None or not cell["no"]:
            batch.skip(line, t("import.skip.no_order_no" if not cell["no"] else "import.skip.order_time", batch.language))
            continue
        amount, refund = tables.as_money(cell["amount"]), tables.as_money(cell["refund"])
        batch.orders.append(Order(
            paid, cell["no"], cell["buyer"], cell["buyer_id"], cell["phone"], cell["items"], amount, refund,
            status(cell["status"], amount, refund), cell["status"], f"order:{cell['no']}", line, grp,
        ))  # fmt: skip
