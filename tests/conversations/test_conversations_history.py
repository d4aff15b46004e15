"""A generated history with known threads and planted question families, and the window index tests.

Two groups over four weeks of 2026 (W10–W13). Chatter (收到, +1, 哈哈, stickers) fills every day;
the plants: a refund thread in 水果团购群 on 2026-03-03 and a lens thread in 摄影群 the same day;
five members asking about 发票 (never answered), four asking about 配送时间 (answered by the
admin within minutes) and three asking how long after delivery a refund can be claimed (answered).
"""

from __future__ import annotations

import itertools
from datetime import datetime
from pathlib import Path

import pytest

from assistant.analytics.chatlog import Message
from assistant.conversations import Conversations, is_chatter, split
from assistant.conversations.windows import MAX_MESSAGES
from assistant.llm import make_embeddings
from tests.analytics.builder import BulkMessages, HistoryBuilder, at, days

FRUIT, PHOTO = "水果团购群", "摄影群"
ADMIN = "admin"
CHATTER = ["收到", "+1", "哈哈哈", "[表情]", "好的", "谢谢团长", "👍"]
INVOICE = ["请问能开发票吗？", "发票怎么开？需要提供什么", "公司报销要发票，可以开吗？", "有没有电子发票？",
           "买的水果能开增值税发票吗"]
DELIVERY = ["今天几点配送？", "配送时间是几点呀？", "请问什么时候配送到小区？", "明天的配送大概几点？"]
DELIVERY_ANSWER = "每天下午4点前配送到小区门口"
REFUND = ["收到的桃子坏了，签收后多久内可以申请退款？", "质量问题签收后多久还能退款？", "坏果退款有时间限制吗？"]
_n = itertools.count()


class Planted:
    def __init__(self, path: Path) -> None:
        self.builder = HistoryBuilder(path)
        self.fruit = self.builder.group(FRUIT, group_id=1)
        self.photo = self.builder.group(PHOTO, group_id=2)
        for g in (self.fruit, self.photo):
            self.builder.role(g, ADMIN)
        self.bulk = BulkMessages(self.builder)
        self.keys: dict[str, list[str]] = {"chatter": [], "refund_thread": [], "lens_thread": [], "invoice": [],
                                           "delivery": [], "refund": []}
        self._fill()
        self.bulk.flush()
        self.builder.con.close()

    def say(self, group: int, sender: str, when: datetime, text: str, reply_to: str | None = None,
            name: str | None = None, kind: str | None = None) -> str:
        key = self.bulk.add(group, sender, when, text, name=name, reply_to=reply_to)
        if kind:
            self.keys[kind].append(key)
        return key

    def _fill(self) -> None:
        for n, day in enumerate(days("2026-03-02", 28)):
            for hour in (8, 13, 21):
                for g in (self.fruit, self.photo):
                    self.say(g, f"m{n % 7}", at(day, hour, 5), CHATTER[(n + hour) % len(CHATTER)], kind="chatter")
        self._threads()
        for n, text in enumerate(INVOICE):
            self.say(self.fruit, f"inv{n}", at(days("2026-03-04", 28)[n * 5], 11), text, kind="invoice")
        for n, text in enumerate(DELIVERY):
            day = days("2026-03-05", 28)[n * 6]
            asked = self.say(self.fruit, f"del{n}", at(day, 15), text, kind="delivery")
            self.say(self.fruit, ADMIN, at(day, 15, 6), DELIVERY_ANSWER, reply_to=asked, name="小美")
        for n, text in enumerate(REFUND):
            day = days("2026-03-06", 28)[n * 7]
            self.say(self.fruit, f"ref{n}", at(day, 17), text, kind="refund")
            self.say(self.fruit, ADMIN, at(day, 17, 10), "签收后24小时内拍照联系我就能退款", name="小美")

    def _threads(self) -> None:
        first = self.say(self.fruit, "zs", at("2026-03-03", 10), "我家的樱桃坏了好几个，能退款吗？", name="张三",
                         kind="refund_thread")
        self.say(self.fruit, "ls", at("2026-03-03", 10, 4), "我的樱桃也有几个坏的", name="李四", kind="refund_thread")
        self.say(self.fruit, ADMIN, at("2026-03-03", 13, 30), "拍照发我，马上给你们退款", reply_to=first, name="小美",
                 kind="refund_thread")
        self.say(self.photo, "ww", at("2026-03-03", 10), "樱桃树开花了，用什么镜头拍比较好？", name="王五", kind="lens_thread")
        self.say(self.photo, "zl", at("2026-03-03", 10, 3), "85mm 定焦拍人像樱花很好看", name="赵六", kind="lens_thread")


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Planted, Path]:
    path = tmp_path_factory.mktemp("conv") / "history.duckdb"
    return Planted(path), path


def conversations_for(db: Path, root: Path, knowledge=None) -> Conversations:  # noqa: ANN001
    from assistant import load_settings

    settings = load_settings(env_file=None, data_dir=root, openai_api_key=None, openai_base_url=None, embedding_model="")
    return Conversations.at(db, root / "chroma", make_embeddings(settings), knowledge=knowledge)


@pytest.fixture(scope="module")
def conversations(planted: tuple[Planted, Path], tmp_path_factory: pytest.TempPathFactory) -> Conversations:
    conv = conversations_for(planted[1], tmp_path_factory.mktemp("conv-data"))
    conv.sync()
    return conv


def message(text: str | None, minute: int, key: str | None = None, sender: str = "a", reply_to: str | None = None,
            mentions: tuple[str, ...] = ()) -> Message:
    when = at("2026-03-02", 8) + (at("2026-03-02", 8, 1) - at("2026-03-02", 8)) * minute
    return Message(key or f"x{next(_n)}", "g", "Asia/Shanghai", when, sender, sender, text, reply_to, mentions, False)


def test_chatter_is_recognised() -> None:
    for text in ["收到", "+1", "哈哈哈", "[表情]", "[图片]", "好的～", "👍👍", None, "  ", "谢谢团长！"]:
        assert is_chatter(text), text
    for text in ["能开发票吗？", "樱桃坏了", "8点到"]:
        assert not is_chatter(text), text


def test_windows_follow_gaps_replies_mentions_and_the_cap() -> None:
    first = message("樱桃坏了能退吗", 0, key="q", sender="张三")
    stream = [first, message("收到", 1), message("我也是", 2), message("明天团什么", 200, sender="李四"),
              message("拍照给我退", 230, sender="admin", reply_to="q"), message("@张三 已退款", 240, mentions=("张三",))]
    cut = list(split(stream))
    texts = [[m.text for m in w.messages] for w in cut]
    assert ["樱桃坏了能退吗", "我也是", "拍照给我退", "@张三 已退款"] in texts
    assert ["明天团什么"] in texts
    assert all("收到" not in t for t in texts)
    many = [message(f"第{i}条消息内容", i) for i in range(MAX_MESSAGES * 2 + 5)]
    assert [len(w.messages) for w in split(many)] == [MAX_MESSAGES, MAX_MESSAGES, 5]


def test_the_right_window_is_retrieved(planted: tuple[Planted, Path], conversations: Conversations) -> None:
    hits = conversations.search("樱桃坏了退款", k=3)
    assert set(hits[0].message_ids) == set(planted[0].keys["refund_thread"])
    assert hits[0].group == FRUIT and hits[0].participants == ["张三", "李四", "小美"]
    cited = hits[0].evidence("樱桃退款", limit=1)[0]
    assert cited["sender"] == "张三" and cited["ts"] == "2026-03-03 10:00" and cited["message_id"] in planted[0].keys["refund_thread"]


def test_group_and_time_filters(planted: tuple[Planted, Path], conversations: Conversations) -> None:
    assert conversations.search("樱桃", k=5, group=PHOTO)[0].message_ids == planted[0].keys["lens_thread"]
    assert all(h.group == PHOTO for h in conversations.search("樱桃", k=5, group=PHOTO))
    invoice = planted[0].keys["invoice"]
    everything = {i for h in conversations.search("发票", k=10) for i in h.message_ids}
    assert set(invoice) <= everything
    early = {i for h in conversations.search("发票", k=10, since="2026-03-01", until="2026-03-10") for i in h.message_ids}
    assert invoice[0] in early and invoice[1] in early and not set(invoice[2:]) & early
    late = {i for h in conversations.search("发票", k=10, since="2026-03-20") for i in h.message_ids}
    assert set(invoice[4:]) <= late and not set(invoice[:3]) & late


def test_chatter_is_not_indexed(planted: tuple[Planted, Path], conversations: Conversations) -> None:
    indexed = {i for c in conversations.index.search_index.chunks() for i in str(c.metadata["message_ids"]).split("\x1f")}
    assert not indexed & set(planted[0].keys["chatter"])
    assert set(planted[0].keys["invoice"]) <= indexed


def test_reindexing_is_a_no_op(conversations: Conversations) -> None:
    before = conversations.index.store.ids()
    again = conversations.sync()
    assert (again.added, again.removed) == (0, 0) and again.kept == len(before)
    assert conversations.index.store.ids() == before
    reopened = Conversations(conversations.db_path, lambda: conversations.index.store)
    assert reopened.sync().added == 0


def test_bad_input_gets_a_fix_it_message(conversations: Conversations, tmp_path: Path) -> None:
    from assistant.errors import InputError

    with pytest.raises(InputError, match="已导入的群"):
        conversations.search("发票", group="不存在的群")
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        conversations.search("发票", since="3月1日")
    with pytest.raises(InputError, match="早于"):
        conversations.search("发票", since="2026-03-10", until="2026-03-01")
    with pytest.raises(InputError, match="导入"):
        conversations_for(tmp_path / "none.duckdb", tmp_path).search("发票")
