"""Questions about our own groups are answered from the analytics, offline and through LLM tools."""

from __future__ import annotations

import json

import pytest

from assistant import Assistant, load_settings
from tests.analytics.builder import at
from tests.analytics.scenarios import Community
from tests.support.openai_server import Reply, ToolCall

QUESTION = "为什么上周退群率上升了?"


@pytest.fixture
def spam_week(isolated_env):
    (isolated_env / "data").mkdir(exist_ok=True)
    c = Community(isolated_env / "data" / "history.duckdb")
    days = c.target_week()
    spam = [c.messages.add(c.g, f"spam{i % 3}", at(days[0], 14 + i // 3, i * 4), "兼职日赚300，加我vx: abc1234")
            for i in range(12)]
    c.leave(at(days[1], 20), 12)
    c.con.close()
    return spam


def test_offline_answer_shows_figures_driver_and_evidence(spam_week) -> None:
    answer = Assistant.from_settings(load_settings()).ask(QUESTION)
    assert answer.route == "churn" and answer.mode == "offline"
    assert "2026-W10" in answer.text and "退群 12 人" in answer.text and "广告刷屏" in answer.text and "spam_ads" not in answer.text
    assert {e["message_id"] for e in answer.evidence} <= set(spam_week) and answer.evidence
    assert answer.sources and "退群率" in answer.sources[0].title  # the playbook's thresholds, cited


def test_llm_calls_the_churn_tool_and_narrates_its_result(spam_week, llm_env) -> None:
    llm_env.enqueue(ToolCall("explain_churn", {"week": "2026-W10"}), Reply("上周退群明显上升，主要因为广告刷屏。"))
    answer = Assistant.from_settings(load_settings()).ask(QUESTION)
    assert answer.text == "上周退群明显上升，主要因为广告刷屏。" and answer.tools == ["explain_churn"]
    first, second = llm_env.chat_requests()
    assert {t["function"]["name"] for t in first.body["tools"]} >= {"get_metrics", "explain_churn"}
    tool_message = next(m for m in second.body["messages"] if m["role"] == "tool")
    result = json.loads(tool_message["content"])
    assert result["significant"] is True and result["drivers"][0]["id"] == "spam_ads"
    assert answer.evidence and answer.evidence[0]["message_id"] in spam_week


def test_when_the_model_skips_the_tools_it_is_given_the_figures(spam_week, llm_env) -> None:
    llm_env.enqueue(Reply("我猜是因为天气。"), Reply("根据数据，是广告刷屏。"))
    answer = Assistant.from_settings(load_settings()).ask(QUESTION)
    assert answer.text == "根据数据，是广告刷屏。"
    final = llm_env.chat_requests()[1].body["messages"][-1]["content"]
    assert "<<<数据" in final and "广告刷屏" in final


def test_a_tool_asked_for_an_unknown_group_gets_an_error_not_a_crash(spam_week, llm_env) -> None:
    llm_env.enqueue(ToolCall("get_metrics", {"group": "不存在的群"}), Reply("没有这个群。"))
    answer = Assistant.from_settings(load_settings()).ask("不存在的群上周活跃度怎么样")
    tool_message = next(m for m in llm_env.chat_requests()[1].body["messages"] if m["role"] == "tool")
    assert "没有名为" in json.loads(tool_message["content"])["error"] and answer.text == "没有这个群。"


def test_metric_questions_without_history_go_to_the_playbooks() -> None:
    answer = Assistant.from_settings(load_settings()).ask("哪个群最活跃?")
    assert answer.route == "playbook"
