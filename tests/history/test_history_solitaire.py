"""接龙 → orders: the lists 团长 post and members extend become one order per line, once.

The texts follow real 接龙 as WeChat writes them (appmsg 53 ``<title>`` and its typed copies): a
``#接龙`` line, a title with the price, an optional ``例`` line, a blank line, ``1. 名字 数量`` lines
and an optional tail; typed copies use ``1、`` or no space, rooms instead of names, ``+1``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli.analytics import metrics as metrics_cli
from assistant.cli.history import history as history_cli
from assistant.history.solitaire import parse

HEAD = "#接龙\n周六车厘子 59元/斤\n例 名字 数量\n"
LINES = ["张三 2斤", "李四 1斤", "王五 车厘子3斤", "5-302 1斤", "赵六+2"]
POSTERS = ["团长", "李四", "王五", "钱七", "赵六"]
GROUP = "团购群"


def copy_text(lines: list[str], head: str = HEAD, sep: str = ". ") -> str:
    return head + "\n" + "\n".join(f"{n}{sep}{line}" for n, line in enumerate(lines, start=1))


def chat(tmp_path: Path, posts: list[tuple[str, str, str]], name: str = "群.txt") -> Path:
    """A MemoTrace TXT of ``(time, sender, text)`` posts."""
    path = tmp_path / name
    path.write_text("\n\n".join(f"{at} {who}\n{text}" for at, who, text in posts) + "\n", encoding="utf-8")
    return path


def five_growing_copies(tmp_path: Path) -> Path:
    posts = []
    for n in range(5):
        posts.append((f"2024-06-0{n + 3} 10:0{n}:00", POSTERS[n], copy_text(LINES[: n + 1])))
        posts.append((f"2024-06-0{n + 3} 11:00:00", POSTERS[n], "好的"))
    return chat(tmp_path, posts)


def cli(command, *args: str) -> str:
    result = CliRunner().invoke(command, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def orders(sql) -> list[tuple]:
    return sql(
        "SELECT order_no, buyer_id, buyer_name, strftime(paid_at, '%m-%d %H:%M'), items, quantity, unit, "
        "amount::VARCHAR, status, source, entry FROM orders ORDER BY paid_at"
    )


# --- reading one copy --------------------------------------------------------------------------


def test_a_native_copy_has_head_prices_entries_and_tail() -> None:
    solitaire = parse(copy_text(LINES) + "\n\n今晚8点截单")
    assert solitaire is not None and solitaire.title == "周六车厘子 59元/斤" and solitaire.tail == ["今晚8点截单"]
    assert [(p.product, p.price, p.unit) for p in solitaire.prices] == [("周六车厘子", 59.0, "斤")]
    read = [(e.number, e.who, e.what, e.quantity, e.unit, solitaire.amount(e)) for e in solitaire.entries]
    assert read == [
        (1, "张三", "", 2.0, "斤", 118.0),
        (2, "李四", "", 1.0, "斤", 59.0),
        (3, "王五", "车厘子", 3.0, "斤", 177.0),
        (4, "5-302", "", 1.0, "斤", 59.0),  # a room label: the buyer is whoever posted the line
        (5, None, "赵六", 2.0, None, 118.0),  # one word: a name if a member is called so
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[接龙] #接龙\n百香果团购\n1. 王霞 1箱\n2. 钟予馨2箱", [("王霞", 1.0, "箱"), (None, 2.0, "箱")]),  # WeFlow
        ("#接龙\n南瓜 共20份\n\n1、295-909 两份\n2、295-910 半份", [("295-909", 2.0, "份"), ("295-910", 0.5, "份")]),
        ("#接龙\n水果\n\n1.尘 五斤西瓜，十斤苹果\n2.小林 x3", [("尘", 15.0, "斤"), ("小林", 3.0, None)]),
        ("#接龙\n橙子\n1. 阿花\n3个\n2. 阿草 十二个", [("阿花", 3.0, "个"), ("阿草", 12.0, "个")]),  # a continuation line
        ('<msg><appmsg><title>#接龙\n苹果 ￥39/箱\n\n1. 张三 2箱</title><type>53</type></appmsg></msg>',
         [("张三", 2.0, "箱")]),  # raw appmsg XML
    ],
)
def test_typed_and_exported_variants(text: str, expected: list[tuple]) -> None:
    solitaire = parse(text)
    assert solitaire is not None
    assert [(e.who, e.quantity, e.unit) for e in solitaire.entries] == expected


def test_several_products_each_at_its_price() -> None:
    solitaire = parse("#接龙\n车厘子59元/斤，榴莲120元/个\n\n1. 张三 车厘子2斤\n2. 李四 车厘子1斤 榴莲1个\n3. 王五 桃子1个")
    assert solitaire is not None
    assert [solitaire.amount(e) for e in solitaire.entries] == [118.0, 179.0, None]  # 桃子 has no price


@pytest.mark.parametrize(
    "text",
    [
        "今晚8点开团，群里接龙",  # mentions 接龙, lists nothing
        "大家记得接龙\n好的",
        "#接龙\n周六车厘子\n\n2. 张三 2斤\n3. 李四 1斤",  # numbering must start at 1
        "我要两斤 #接龙",  # the marker is not the first line of a list
    ],
)
def test_texts_that_are_not_a_list(text: str) -> None:
    assert parse(text) is None


def test_check_in_and_rule_lists_are_not_orders() -> None:
    check_in = parse("@教练 打卡#接龙\n6月26日打卡\n例 打卡第X天\n\n1. Kevin 打卡19天 俯卧撑100个\n2. Jasmine 打卡14天")
    rules = parse("接龙规则：\n1. 每人限购2份\n2. 8点截单")
    assert check_in is not None and not check_in.is_order_list
    assert rules is not None and not rules.is_order_list


# --- copies → orders -----------------------------------------------------------------------------


def test_five_growing_copies_give_each_order_once(history, sql, tmp_path: Path) -> None:
    [report] = history.import_files([five_growing_copies(tmp_path)], group=GROUP)
    assert report.solitaire_orders == 5
    rows = orders(sql)
    assert [r[:4] for r in rows] == [
        ("1", "name:张三", "张三", "06-03 10:00"),  # posted by 团长 for 张三: the name on the line
        ("2", "name:李四", "李四", "06-04 10:01"),  # matched to the member once ids are known
        ("3", "name:王五", "王五", "06-05 10:02"),
        ("4", "name:钱七", "钱七", "06-06 10:03"),  # a room label: the member who posted the line
        ("5", "name:赵六", "赵六", "06-07 10:04"),
    ]
    assert [(r[4], r[5], r[6], r[7]) for r in rows] == [
        ("周六车厘子", 2.0, "斤", "118.00"), ("周六车厘子", 1.0, "斤", "59.00"), ("车厘子", 3.0, "斤", "177.00"),
        ("周六车厘子", 1.0, "斤", "59.00"), ("周六车厘子", 2.0, None, "118.00"),
    ]  # fmt: skip
    assert {(r[8], r[9]) for r in rows} == {("ordered", "solitaire")} and rows[3][10] == "4. 5-302 1斤"
    [again] = history.import_files([five_growing_copies(tmp_path)], group=GROUP)
    assert again.status == "duplicate" and len(orders(sql)) == 5


def test_stats_and_metrics_show_conversion_from_the_solitaire(history, tmp_path: Path) -> None:
    cli(history_cli, "import", str(five_growing_copies(tmp_path)), "--group", GROUP, "--no-index")
    [group] = json.loads(cli(history_cli, "stats", "--json"))["groups"]
    assert group["orders"]["count"] == group["orders"]["from_solitaire"] == 5
    assert "读自群接龙" in cli(history_cli, "stats")
    [week] = json.loads(cli(metrics_cli, "--group", GROUP, "--week", "2024-W23", "--json"))
    conversion = week["metrics"]["conversion_rate"]
    assert conversion["value"] == pytest.approx(5 / 5) and "接龙" in conversion["note"]
    assert week["metrics"]["gmv"]["value"] == pytest.approx(531.0)


def test_edits_renumbering_and_a_branch_keep_one_order_per_line(history, sql, tmp_path: Path) -> None:
    first = copy_text(["张三 2斤", "李四 1斤"])
    edited = copy_text(["张三 3斤", "李四 1斤", "王五 1斤"])  # 张三 changed 2斤 to 3斤
    branch = copy_text(["张三 2斤", "李四 1斤", "赵六 1斤"])  # copied from the older copy, in parallel
    withdrawn = copy_text(["李四 1斤", "王五 1斤", "孙八 2斤"])  # 张三 deleted their line: renumbered
    history.import_files([chat(tmp_path, [("2024-06-03 10:00:00", "张三", first), ("2024-06-03 10:05:00", "王五", edited),
                                          ("2024-06-03 10:06:00", "赵六", branch),
                                          ("2024-06-03 11:00:00", "孙八", withdrawn)])], group=GROUP)  # fmt: skip
    rows = sql("SELECT buyer_name, quantity FROM orders ORDER BY paid_at, buyer_name")
    assert rows == [("张三", 2.0), ("李四", 1.0), ("王五", 1.0), ("赵六", 1.0), ("孙八", 2.0)]
    # 张三's line keeps the wording of the last copy that carried it (the branch still said 2斤)


def test_next_weeks_list_under_the_same_head_is_a_new_solitaire(history, sql, tmp_path: Path) -> None:
    posts = [("2024-06-03 10:00:00", "张三", copy_text(["张三 2斤"])),
             ("2024-06-03 12:00:00", "李四", copy_text(["张三 2斤", "李四 1斤"])),
             ("2024-06-05 10:00:00", "王五", copy_text(["王五 1斤"])),  # keeps none of the open list's lines
             ("2024-06-10 10:00:00", "王五", copy_text(["王五 1斤"])),  # a week later: a new list, same line
             ("2024-06-10 10:30:00", "张三", copy_text(["王五 1斤", "张三 3斤"]))]  # fmt: skip
    history.import_files([chat(tmp_path, posts)], group=GROUP)
    assert sql("SELECT buyer_name, quantity, strftime(paid_at, '%m-%d') FROM orders ORDER BY paid_at") == [
        ("张三", 2.0, "06-03"), ("李四", 1.0, "06-03"), ("王五", 1.0, "06-05"), ("王五", 1.0, "06-10"),
        ("张三", 3.0, "06-10"),
    ]  # fmt: skip
    assert sql("SELECT count(DISTINCT solitaire_key) FROM orders") == [(3,)]


def test_ids_come_from_the_senders_when_the_export_has_them(history, sql, tmp_path: Path) -> None:
    """MemoTrace CSV: the 接龙 arrives as appmsg 53 with its XML; the buyer who posted their own
    line gets their wxid."""
    header = "localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender"

    def row(n: int, ts: int, who: str, wxid: str, lines: list[str]) -> str:
        xml = f"<msg><appmsg><title>{copy_text(lines)}</title><type>53</type></appmsg></msg>".replace('"', '""')
        return f'{n},35,49,53,0,{ts},2,"{xml}",,{who},{who},{wxid}'

    path = tmp_path / "团购群_utf8.csv"
    path.write_text("\n".join([header, row(2, 1717380300, "李四", "wxid_li", ["张三 2斤", "李四 1斤"]),
                               row(1, 1717380000, "张三", "wxid_zhang", ["张三 2斤"])]) + "\n", encoding="utf-8")  # fmt: skip
    history.import_files([path], group=GROUP)
    assert sql("SELECT buyer_id, buyer_name, buyer_confidence FROM orders ORDER BY paid_at") == [
        ("wxid_zhang", "张三", 1.0), ("wxid_li", "李四", 1.0),
    ]  # fmt: skip
    assert sql("SELECT count(*) FROM group_events WHERE kind = 'solitaire'") == [(2,)]


def ktt(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "快团团订单.csv"
    path.write_text("跟团号,下单人,支付时间,商品,订单金额,订单状态\n" + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize("ktt_first", [False, True], ids=["chat_then_ktt", "ktt_then_chat"])
def test_a_kuaituantuan_export_of_the_same_orders_is_not_counted_twice(
    history, sql, tmp_path: Path, ktt_first: bool
) -> None:
    export = ktt(tmp_path, "1,张三,2024-06-03 10:30:00,车厘子×2,118.00,已支付",
                 "2,李四,2024-06-04 20:00:00,车厘子×1,59.00,已支付",
                 "3,李四,2024-06-20 20:00:00,车厘子×1,59.00,已支付")  # fmt: skip
    files = [five_growing_copies(tmp_path), export]
    for path in reversed(files) if ktt_first else files:
        report = history.import_files([path], group=GROUP)[0]
    assert report.solitaire_orders == 3 and report.solitaire_in_exports == 2
    rows = sql("SELECT source, buyer_name, amount::VARCHAR FROM orders ORDER BY paid_at")
    assert rows == [("export", "张三", "118.00"), ("export", "李四", "59.00"), ("solitaire", "王五", "177.00"),
                    ("solitaire", "钱七", "59.00"), ("solitaire", "赵六", "118.00"), ("export", "李四", "59.00")]  # fmt: skip
    [stats] = history.stats(GROUP).groups
    assert stats.orders["count"] == 6 and stats.orders["from_solitaire"] == 3
