"""Member lists, orders and pasted text: tables matched by alias, snapshots dated by --at or a column."""

from __future__ import annotations

from datetime import datetime

GROUP = "幸福里团购1群"


def test_member_list_csv_is_one_snapshot_at_the_given_time(history, fx, sql) -> None:
    [report] = history.import_files([fx("members/members.csv")], group=GROUP, at="2024-06-05 12:00")
    assert report.format == "member_list" and (report.snapshots, report.snapshot_members) == (1, 4)
    assert report.skipped_reasons == {"没有成员 ID 或昵称": 1}
    assert sql("SELECT platform FROM groups") == [("wechat",)]  # wxid_ ids
    assert sql("SELECT DISTINCT strftime(taken_at, '%Y-%m-%d %H:%M') FROM snapshot_members") == [("2024-06-05 12:00",)]
    assert sql("SELECT member_id, role FROM member_roles ORDER BY role") == [
        ("wxid_zhaoliu_demo", "admin"), ("wxid_zhangsan_demo", "owner"),
    ]  # fmt: skip
    assert sql("SELECT member_id FROM member_events WHERE kind = 'join'") == [("wxid_zhangsan_demo",)]  # 入群时间
    assert sql("SELECT member_id FROM snapshot_members WHERE member_id LIKE 'name:%'") == [("name:无名氏",)]


def test_member_list_without_a_time_uses_the_file_time_and_says_so(history, fx) -> None:
    [report] = history.import_files([fx("members/members.csv")], group=GROUP)
    assert report.snapshots == 1 and any("--at" in w for w in report.warnings)


def test_xlsx_with_many_snapshots_on_the_member_sheet(history, xlsx, sql) -> None:
    book = xlsx("群成员.xlsx", {
        "聊天记录": [["消息ID", "类型", "发送人", "内容"], [1, "文本", "张三", "你好"]],
        "成员信息": [["快照时间", "微信号", "昵称", "群昵称"],
                  [datetime(2024, 6, 1, 21), "wxid_a", "阿甲", ""], [datetime(2024, 6, 1, 21), "wxid_b", "阿乙", ""],
                  [datetime(2024, 6, 1, 21), "wxid_c", "阿丙", ""],
                  [datetime(2024, 6, 8, 21), "wxid_a", "阿甲", ""], [datetime(2024, 6, 8, 21), "wxid_c", "阿丙", "丙哥"],
                  [datetime(2024, 6, 8, 21), "wxid_d", "阿丁", ""]],
    })  # fmt: skip
    [report] = history.import_files([book], group=GROUP)
    assert report.format == "member_list" and report.encoding == "xlsx"
    assert (report.snapshots, report.inferred_exits, report.inferred_joins) == (2, 1, 1)
    assert sql(
        "SELECT kind, member_id, strftime(happened_earliest, '%m-%d'), strftime(happened_at, '%m-%d') "
        "FROM member_events WHERE inferred ORDER BY kind"
    ) == [("exit", "wxid_b", "06-01", "06-08"), ("join", "wxid_d", "06-01", "06-08")]
    assert sql("SELECT display_name FROM members WHERE member_id = 'wxid_c'") == [("丙哥",)]


def test_ktt_orders_csv_statuses_refunds_and_unpaid_rows(history, fx, sql) -> None:
    [report] = history.import_files([fx("orders/快团团订单.csv")], group=GROUP)
    assert report.format == "ktt_orders" and report.orders == 3
    assert report.skipped_reasons == {"支付时间为空或无法识别（多为未支付订单）": 1}
    rows = sql(
        "SELECT order_no, buyer_name, buyer_phone, amount::VARCHAR, refund::VARCHAR, status FROM orders ORDER BY order_no"
    )
    assert rows == [
        ("1", "李四", "138****0002", "39.90", "0.00", "paid"),
        ("2", "王五", "139****0003", "30.00", "30.00", "refunded"),
        ("3", "赵六", "137****0004", "54.90", "10.00", "partially_refunded"),  # '¥54.90'
    ]
    assert sql("SELECT items FROM orders WHERE order_no = '3'") == [("草莓(2盒装)×1；蓝莓×1",)]


def test_ktt_orders_match_buyers_to_members_by_nickname(history, fx, sql) -> None:
    history.import_files([fx("memotrace/幸福里团购1群_utf8.csv")])
    history.import_files([fx("orders/快团团订单.csv")], group=GROUP)
    assert sql("SELECT buyer_name, buyer_id, buyer_confidence FROM orders ORDER BY order_no") == [
        ("李四", "wxid_lisi_demo", 0.9), ("王五", "wxid_wangwu_demo", 0.9), ("赵六", "wxid_zhaoliu_demo", 0.9),
    ]  # fmt: skip


def test_ktt_xlsx_variant_and_a_re_export_updates_refunds(history, xlsx, sql) -> None:
    header = [
        "跟团号",
        "下单人",
        "支付时间",
        "商品",
        "订单金额",
        "订单退款",
        "订单状态",
        "收货人",
        "联系电话",
        "详细地址",
    ]
    first = xlsx(
        "快团团1.xlsx",
        {"订单": [header, [7, "李四", datetime(2024, 6, 2, 20, 1), "鸡蛋", 26.5, 0, "已支付", "李四", "", ""]]},
    )
    second = xlsx(
        "快团团2.xlsx",
        {"订单": [header, [7, "李四", datetime(2024, 6, 2, 20, 1), "鸡蛋", 26.5, 26.5, "已退款", "李四", "", ""]]},
    )
    assert history.import_files([first], group=GROUP)[0].orders_added == 1
    report = history.import_files([second], group=GROUP)[0]
    assert (report.orders_added, report.orders_updated) == (0, 1)
    assert sql("SELECT refund::VARCHAR, status FROM orders") == [("26.50", "refunded")]


def test_ktt_shipping_sheet_is_refused_with_a_fix(history, xlsx) -> None:
    sheet = xlsx(
        "发货单.xlsx",
        {"发货": [["跟团号", "商品", "规格", "数量", "收货人", "联系电话"], [1, "草莓", "2盒", 1, "李四", ""]]},
    )
    [report] = history.import_files([sheet], group=GROUP)
    assert report.status == "failed" and "支付时间" in report.error and "订单" in report.error


def test_orders_need_a_group(history, fx) -> None:
    [report] = history.import_files([fx("orders/orders.csv")])
    assert report.status == "failed" and "--group" in report.error


def test_plain_orders_keyed_by_order_number(history, fx, sql) -> None:
    [report] = history.import_files([fx("orders/orders.csv")], group="品牌福利群")
    assert report.format == "plain_orders" and report.orders_added == 2
    assert sql("SELECT order_no, buyer_id, buyer_confidence, status FROM orders ORDER BY order_no") == [
        ("A1001", "wxid_lisi_demo", 1.0, "paid"), ("A1002", "name:王五", 0.5, "refunded"),
    ]  # fmt: skip


def test_pasted_text_from_a_chat_window(history, fx, sql) -> None:
    report = history.import_text(fx("pasted/wechat_window.txt").read_text(encoding="utf-8"), group=GROUP)
    assert report.format == "pasted_text" and report.groups == [GROUP]
    assert report.messages_by_kind == {"text": 2, "image": 1} and report.member_events == {"join": 1}
    assert sql("SELECT strftime(sent_at, '%m-%d %H:%M'), sender_name, text FROM messages ORDER BY sent_at") == [
        ("06-01 20:15", "张三", "今晚8点开团，草莓 2 盒起"),
        ("06-01 20:16", "李四", "+1 草莓两盒\n谢谢团长"),
        ("06-01 20:30", "王五", None),
    ]


def test_pasted_text_without_name_and_time_is_refused_not_given_invented_senders(history, sql) -> None:
    for text in ("张三：今晚开团\n李四：+1", "注意事项：明天 8 点集合\n地点：3 号门\n费用：AA"):
        report = history.import_text(text, group=GROUP, at="2024-06-09 21:00")
        assert report.status == "failed" and "名字 + 时间" in report.error and "一起复制" in report.error
    assert sql("SELECT count(*) FROM messages") == [(0,)]
    relative = history.import_text("[昨天 20:15] 王五: 到了吗", group=GROUP, at="2024-06-09 21:00")
    assert relative.first == "2024-06-08 20:15"
    noted = history.import_text("前面的闲话\n王五 2024/6/9 20:30\n到了", group=GROUP)
    assert noted.messages == 1 and noted.skipped == 1  # the line before the first header is not given a sender
