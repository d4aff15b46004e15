"""The digest on the demo workspace: every section with cited messages, one line per group,
a member's digest, exports (Markdown, HTML, PNG), the fallback day, and the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.briefing import exports
from assistant.briefing.layout import plain_text
from assistant.cli import cli
from assistant.errors import InputError
from tests.briefing.support import DAY, PASTED, busiest_day
from tests.support.demo_workspace import CALM, CAMPAIGN, SPAM, demo_assistant


@pytest.fixture
def demo():
    assistant = demo_assistant()
    assistant.history.import_text(PASTED, group=CALM)
    return assistant


def test_busiest_day_has_every_section_with_cited_messages(demo) -> None:
    day = busiest_day(demo)
    digest = demo.briefing.digests.digest(CALM, on=day)
    [g] = digest.groups
    assert g.volume.messages > 0 and g.volume.usual_messages and g.volume.baseline_days > 0
    assert g.topics and all(t.quotes for t in g.topics)
    assert g.questions > 0 and g.open_questions > 0 and g.unanswered
    assert g.orders.known and g.orders.count > 0 and g.orders.solitaire
    text = plain_text(digest)
    for section in ("消息与活跃", "入群与退群", "今日话题", "未回复的提问", "投诉与处理状态", "@管理员 / 待办", "接龙与订单", "风险"):
        assert f"## {section}" in text
    quotes = digest.quotes()
    assert quotes and all(q.message_id and q.group == CALM for q in quotes)
    context = demo.conversation_around(quotes[0].message_id, CALM)  # each quote opens its conversation
    assert any(line["cited"] for line in context.lines())


def test_complaints_todos_solitaire_and_risks_of_the_pasted_day(demo) -> None:
    [g] = demo.briefing.digests.digest(CALM, on=DAY).groups
    complaint = next(i for i in g.complaints if "退款" in i.quote.text)
    assert complaint.status == "waiting"  # no admin answer yet, and the 24 hours are not over
    assert {i.quote.sender for i in g.todos} >= {"张三", "李四"}  # @团长小林, 团长在吗
    assert any("接龙" in q.text for q in g.orders.solitaire)
    assert any(i.quote.sender == "赵六" and i.reason.startswith("scam") for i in g.risks)
    # the pasted senders are new to the group, but no notice says they joined: exact membership counts none
    assert g.membership.joins == 0


def test_all_groups_have_one_line_each(demo) -> None:
    digest = demo.briefing.digests.digest(on=busiest_day(demo))
    assert [g.group for g in digest.groups] == [CALM, CAMPAIGN, SPAM]
    assert len(digest.lines) == 3 and all(line.startswith(g) for line, g in zip(digest.lines, [CALM, CAMPAIGN, SPAM]))
    assert "## 各群一览" in plain_text(digest)


def test_a_range_and_one_member(demo) -> None:
    week = demo.briefing.digests.digest(CALM, since="2026-11-26", until=DAY)
    assert week.period == f"2026-11-26~{DAY}" and week.groups[0].volume.messages > 0
    member = demo.briefing.digests.digest(CALM, on=DAY, member="张三")
    [g] = member.groups
    assert g.volume.messages == 1 and g.volume.usual_messages is None
    assert all(i.quote.sender == "张三" for i in [*g.complaints, *g.todos, *g.unanswered])
    assert member.member == "张三" and "成员：张三" in plain_text(member)


def test_without_a_date_yesterday_or_the_latest_day_with_a_notice(demo) -> None:
    digests = demo.briefing.digests
    digests.now = lambda: __import__("datetime").datetime(2027, 3, 1, 8, 0)
    digest = digests.digest(CALM)
    assert digest.period == DAY and "没有任何消息" in digest.notice
    with pytest.raises(InputError):
        digests.digest(CALM, on="2026-13-01")
    with pytest.raises(InputError):
        digests.digest(CALM, on=DAY, since=DAY, until=DAY)


def test_exports_escape_hostile_text(demo) -> None:
    digest = demo.briefing.digests.digest(CALM, on=DAY)
    md = exports.render(digest, ".md").decode()
    assert not re.search(r"(?<!\\)\]\(http|(?<!\\)<script", md) and "钱七" in md
    html = exports.render(digest, ".html").decode()
    assert "<script>" not in html and "&lt;script&gt;" in html and "<img" not in html


@pytest.mark.skipif(exports.chromium() is None, reason="chromium is not installed")
def test_png_is_the_html_page_photographed(demo, tmp_path: Path) -> None:
    data = exports.render(demo.briefing.digests.digest(CALM, on=DAY), ".png")
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000


def test_png_without_chromium_says_how_to_fix_it(demo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exports, "chromium", lambda: None)
    with pytest.raises(InputError, match="Chromium"):
        exports.render(demo.briefing.digests.digest(CALM, on=DAY), ".png")


def test_cli_digest_text_json_and_files(demo, tmp_path: Path) -> None:
    runner = CliRunner()
    day = busiest_day(demo)
    result = runner.invoke(cli, ["digest", "--date", day])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"群日报 · 全部群 · {day}") and "## 各群一览" in result.output
    result = runner.invoke(cli, ["digest", "--group", CALM, "--date", DAY, "--json"])
    data = json.loads(result.output)
    assert data["groups"][0]["complaints"][0]["quote"]["message_id"]
    assert "excerpt" not in data["groups"][0]["topics"][0]
    out = tmp_path / "日报.html"
    result = runner.invoke(cli, ["digest", "--group", CALM, "--date", DAY, "--out", str(out)])
    assert result.exit_code == 0 and out.read_text().startswith("<!DOCTYPE html>")
    result = runner.invoke(cli, ["digest", "--out", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1 and ".png" in result.output


def test_english(demo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_LANGUAGE", "en")
    result = CliRunner().invoke(cli, ["digest", "--group", CALM, "--date", DAY])
    assert result.exit_code == 0, result.output
    for section in ("Volume and active members", "Joins and exits", "Topics", "Questions still unanswered",
                    "Complaints and their status", "@admin / to-dos", "Sign-up lists and orders", "Risks (ads, scams)"):
        assert f"## {section}" in result.output
    assert not re.search(r"消息与活跃|未回复的提问|发言", result.output)
    result = CliRunner().invoke(cli, ["digest", "--group", "没有这个群", "--date", DAY])
    assert result.exit_code == 1 and result.output.startswith("Error: There is no group named “没有这个群”."), result.output


def test_the_chat_routes_what_happened_questions_to_the_digest() -> None:
    from assistant.jobs.router import DIGEST, route

    names = [CALM]
    assert route("昨天群里发生了什么？", names).kind == DIGEST
    assert dict(route("今天幸福里团购群聊了什么", names).fields)["day"] == "today"
    assert route("今天幸福里团购群聊了什么", names).group == CALM
    assert dict(route("11月25日群里发生了什么", names).fields)["day"] == "--11-25"
    assert route("What happened yesterday?", names).kind == DIGEST
    assert route("今天天气怎么样", names).kind != DIGEST
    assert route("昨天群里发生了什么？", []).kind != DIGEST  # nothing imported: a playbook question
