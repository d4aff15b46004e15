"""The chat model's read-only tools in both languages: in English every description, error, title
and line is English outside user data (group, member and message text); Chinese is as it was; the
data the model reads is the same whatever the language."""

from __future__ import annotations

import re

from assistant.jobs.tools import ToolBox, specs
from tests.support.page_texts import user_data
from tests.support.demo_workspace import SPAM, demo_assistant

CJK = re.compile(r"[\u3400-\u9fff]")
CALLS = [("get_metrics", {}), ("get_metrics", {"group": SPAM}), ("explain_churn", {}), ("explain_churn", {"group": SPAM}),
         ("get_segments", {}), ("get_risks", {}), ("search_history", {"question": "有人问过发票吗"}),
         ("search_history", {"question": "多少人问过发票？"}), ("search_history", {"question": "最近群里大家问得最多的是什么？"}),
         ("search_history", {"question": "最近大家抱怨最多的是什么？"}), ("search_history", {"question": "上周有人问过火箭吗"})]
ZH_DESCRIPTIONS = {  # what the model was offered in Chinese before the tools spoke English too
    "get_metrics": "某周各群的运营指标（人数、入群、退群率、活跃度、转化率、GMV、新人激活、响应时间）及与上周对比、健康状态。",
    "explain_churn": "分析某周退群是否异常上升、哪些人离开、可能原因及证据消息。",
    "get_segments": "成员生命周期分层、价值分层和流失预警人数。",
    "get_risks": "近 4 周的风险消息：广告、诈骗、广告法用语、敏感词、未回应投诉。",
    "search_history": "查群聊历史：某事有没有人问过/说过（返回相关对话及消息）、多少人问过、某成员说了什么、最近问得最多或抱怨最多的话题。",
}


def _described(found: list[dict]) -> list[str]:
    return [text for spec in found for text in (spec["function"]["description"], *(
        p["description"] for p in spec["function"]["parameters"]["properties"].values()))]


def test_in_english_every_tool_and_argument_is_described_in_english() -> None:
    assert [text for text in _described(specs("en")) if CJK.search(text)] == []
    assert [s["function"]["name"] for s in specs("en")] == [s["function"]["name"] for s in specs("zh")]


def test_in_chinese_the_tools_are_described_as_before() -> None:
    assert {s["function"]["name"]: s["function"]["description"] for s in specs("zh")} == ZH_DESCRIPTIONS
    arguments = {name: p["description"] for s in specs("zh") for name, p in s["function"]["parameters"]["properties"].items()}
    assert arguments == {"group": "群名（不填表示全部群）", "week": "ISO 周，例如 2026-W07（不填表示最近一个完整周）",
                         "question": "要查的问题，例如“有人问过发票吗”"}


def test_in_english_results_and_errors_are_english_and_the_data_is_the_same() -> None:
    assistant = demo_assistant()
    english = ToolBox(assistant.analytics, assistant.conversations, "en")
    chinese = ToolBox(assistant.analytics, assistant.conversations, "zh")
    asker = chinese.call("search_history", {"question": "有人问过发票吗"}).evidence[0]["sender"]
    calls = [*CALLS, ("search_history", {"question": f"{asker}最近说了什么？"})]
    names = user_data(assistant.settings.history_db)
    texts = []
    for name, args in calls:
        said, same = english.call(name, args), chinese.call(name, args)
        assert said.data == same.data, (name, args)  # the model reads the same figures in either language
        texts += [_without(text, names + _quoted(said.data)) for text in (said.title, *said.lines)]
    assert [text for text in texts if CJK.search(text)] == []


def test_errors_say_what_went_wrong_in_the_workspace_s_language() -> None:
    assistant = demo_assistant()
    for language, expected in (("en", ("Tool error", "There is no tool named nope", "Argument week should be text",
                                       "There is no chat history to search")),
                               ("zh", ("工具错误", "没有名为 nope 的工具", "参数 week 应为文本", "没有可查询的群聊记录"))):
        box = ToolBox(assistant.analytics, None, language)
        unknown, wrong, empty = box.call("nope", {}), box.call("get_metrics", {"week": 3}), box.history("发票")
        assert (unknown.title, unknown.data["error"], wrong.data["error"], empty.data["error"]) == expected
        assert box.call("get_metrics", {"group": "没有这个群"}).title == ("No data" if language == "en" else "无法取得数据")


def _quoted(data: dict) -> list[str]:
    """What a result quotes rather than says: the words asked about, topics and their example
    questions (members' words) and the playbooks' titles."""
    topics = data.get("topics", [])
    return [*(data[k] for k in ("subject", "member") if data.get(k)), *(t["label"] for t in topics),
            *(t["question"] for t in topics), *(t["playbook"]["title"] for t in topics if t["playbook"])]


def _without(text: str, names: list[str]) -> str:
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, "")
    return text


def test_an_unknown_group_or_a_malformed_week_is_refused_in_the_workspace_s_language() -> None:
    """The analytics raise these deep down; the façade is told the workspace language."""
    from assistant.analytics import Analytics

    assistant = demo_assistant()
    names = assistant.analytics.group_names()
    expected = {"en": ("There is no group named “没有这个群”. Imported groups: " + ", ".join(names),
                       "A week is written YYYY-Www, e.g. 2026-W07, not “上周”."),
                "zh": ("没有名为「没有这个群」的群。已导入的群：" + "、".join(names),
                       "周的格式应为 YYYY-Www，例如 2026-W07，而不是「上周」。")}
    for language, (group, week) in expected.items():
        box = ToolBox(Analytics(assistant.settings.history_db, language), None, language)
        assert box.call("get_metrics", {"group": "没有这个群"}).data["error"] == group
        assert box.call("explain_churn", {"week": "上周"}).data["error"] == week
        assert box.call("get_segments", {"group": "没有这个群"}).data["error"] == group


def test_when_the_model_fails_the_notice_and_the_offline_answer_are_in_english(monkeypatch) -> None:
    from assistant.errors import LLMError
    from assistant.testing import FakeChatModel

    monkeypatch.setenv("ASSISTANT_LANGUAGE", "en")
    assistant = demo_assistant(chat=FakeChatModel(*[LLMError("500")] * 4))
    down = "⚠️ The model is unavailable right now, so this answer was composed offline. Reason: 500"
    about_data, about_playbooks = assistant.ask(f"Why the churn in {SPAM}?"), assistant.ask("退群率多少算正常？")
    assert (about_data.route, about_data.notice) == ("churn", down) and about_playbooks.notice == down
    cited = about_data.text.split("Evidence:")[1]  # members' messages as they are; joins and exits are ours
    assert "joined (invited by" in cited and "入群（" not in cited and "消息ID" not in cited


def test_the_history_search_refuses_in_the_workspace_language(monkeypatch) -> None:
    import pytest

    from assistant.errors import InputError

    monkeypatch.setenv("ASSISTANT_LANGUAGE", "en")
    conversations = demo_assistant().conversations
    with pytest.raises(InputError, match="^The search is empty: type the words to look for"):
        conversations.search("  ")
    with pytest.raises(InputError, match="^Weeks go from 1 to 52, not 60.$"):
        conversations.topics(weeks=60)
