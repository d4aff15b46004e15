"""The application layer's use cases for numbers, imports, history search and the knowledge base,
each run over an in-process stand-in for its protocol (no database, no index, no model)."""

from __future__ import annotations

import pytest

from assistant.app import Imports, Numbers, Threads
from assistant.jobs.tools import specs


class FakeAnalytics:
    """Records what was asked; periods are plain strings."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def period(self, week=None, since=None, until=None, group=None):  # noqa: ANN001, ANN201
        self.calls.append(("period", week, since, until, group))
        return week or f"{since}..{until}"

    def recent_weeks(self, count, week=None, group=None):  # noqa: ANN001, ANN201
        return [f"W{n}" for n in range(count)]

    def metrics(self, period, group=None):  # noqa: ANN001, ANN201
        return [f"{period}:{group or 'all'}"]

    def churn(self, period, group=None):  # noqa: ANN001, ANN201
        return ("churn", period, group)

    def weekly(self, group=None, weeks=10):  # noqa: ANN001, ANN201
        return [{"week": "W1", "group": group}]


def test_weekly_metrics_are_every_week_s_reports_oldest_first() -> None:
    assert Numbers(FakeAnalytics()).weekly_metrics(3, group="甲群") == ["W0:甲群", "W1:甲群", "W2:甲群"]


def test_churn_of_a_date_range_asks_for_that_period() -> None:
    analytics = FakeAnalytics()
    assert Numbers(analytics).churn("甲群", since="2026-03-01", until="2026-03-14") == ("churn", "2026-03-01..2026-03-14", "甲群")
    assert analytics.calls == [("period", None, "2026-03-01", "2026-03-14", "甲群")]


def test_the_dashboard_asks_only_for_its_figures() -> None:
    numbers = Numbers(FakeAnalytics())
    assert numbers.figure("weekly", "甲群") == [{"week": "W1", "group": "甲群"}]
    with pytest.raises(ValueError):
        numbers.figure("set_admin", "甲群", "张三", True)  # a write is never a figure


class FakeIndex:
    def __init__(self) -> None:
        self.synced: list[object] = []

    def ensure_synced(self, progress=None) -> None:  # noqa: ANN001
        self.synced.append(progress)

    def search(self, query, k=5, group=None, since=None, until=None):  # noqa: ANN001, ANN201
        return [(query, k, group)]

    def topics(self, group=None, weeks=4, kind="questions", min_count=2):  # noqa: ANN001, ANN201
        return [(group, weeks, kind, min_count)]


def test_a_history_search_syncs_first_only_when_someone_watches_the_progress() -> None:
    index, shown = FakeIndex(), []
    threads = Threads(index)
    assert threads.search("发票", 3) == [("发票", 3, None)] and index.synced == []
    threads.search("发票", progress=lambda done, total: shown.append(done))
    assert len(index.synced) == 1


def test_topics_name_complaints_by_a_flag() -> None:
    from assistant.app import COMPLAINTS, QUESTIONS

    threads = Threads(FakeIndex())
    assert threads.topics("甲群", 2, complaints=True) == [("甲群", 2, COMPLAINTS, 2)]
    assert threads.topics() == [(None, 4, QUESTIONS, 2)]


class FakeHistory:
    @staticmethod
    def formats() -> list[tuple[str, str]]:
        return [("wechat_csv", "微信 CSV")]

    def import_text(self, text, *, group, **options):  # noqa: ANN001, ANN003, ANN201
        return (text, group, options)


def test_imports_pass_the_options_through() -> None:
    imports = Imports(FakeHistory())
    assert imports.formats() == [("wechat_csv", "微信 CSV")]
    assert imports.import_text("甲 20:10\n你好", "甲群", tz="Asia/Shanghai") == ("甲 20:10\n你好", "甲群", {"tz": "Asia/Shanghai"})


def test_the_tools_say_every_group_in_the_workspace_s_language() -> None:
    def group_of(found: list[dict]) -> set[str]:
        return {spec["function"]["parameters"]["properties"]["group"]["description"] for spec in found}

    assert group_of(specs("zh")) == {"群名（不填表示全部群）"}
    assert group_of(specs("en")) == {"Group name (leave empty for All groups)"}


class FakeKnowledgeBase:
    search_index = None
    filler = None

    def __init__(self, entries: list[str]) -> None:
        self.library = type("Library", (), {"entries": lambda _self: entries})()

    def fill_progress(self) -> None:
        return None


def test_without_a_semantic_side_there_is_no_fill_progress() -> None:
    from assistant.app import Knowledge

    assert Knowledge(FakeKnowledgeBase([])).fill_progress() is None and Knowledge(FakeKnowledgeBase([])).filler is None


def test_the_welcome_screen_asks_whether_the_workspace_is_empty_without_opening_the_index() -> None:
    from assistant import Assistant, load_settings

    assistant = Assistant.from_settings(load_settings())
    assert assistant.is_empty()
    assert assistant._knowledge is None  # the search index (seconds on a first start) was not built
    assistant.add_documents([("SOP.md", "# 退群\n退群率超过 5% 要复盘。".encode())])
    assert not assistant.is_empty() and not Assistant.from_settings(load_settings()).is_empty()


def test_a_workspace_with_history_is_not_empty() -> None:
    from assistant import Assistant, load_settings

    settings = load_settings()
    settings.history_db.parent.mkdir(parents=True, exist_ok=True)
    settings.history_db.write_bytes(b"")
    assert not Assistant.from_settings(settings).is_empty()
