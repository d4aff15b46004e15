"""The pages in both languages (AppTest over the demo workspace): no text of the other language
outside user data, labels instead of raw ids. First the dashboard in detail, then every page.

Every page: in English no Chinese text, in Chinese none of our English labels, outside user data
(group, member and message text, the bundled playbooks' own text and titles where a page cites
them, file names, ids). The walk covers the whole element tree (``tests.support.page_texts``), so a
text added to any page is checked without touching this test; the weekly report and an announcement
draft are generated and checked too. The page walk checks the report's headings, header lines and
table headings; a test of its own checks the body's churn section and action list."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from assistant.i18n import CATALOG, LABELS
from tests.conftest import ROOT
from tests.support.page_texts import texts, user_data
from tests.support.demo_workspace import demo_assistant

CJK = re.compile(r"[\u3400-\u9fff]")


def _dashboard(monkeypatch: pytest.MonkeyPatch, language: str) -> tuple[AppTest, list[str]]:
    monkeypatch.setenv("ASSISTANT_LANGUAGE", language)
    assistant = demo_assistant()
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    app.run()
    app.switch_page("app_pages/groups.py").run()
    assert not app.exception, app.exception
    user_data = sorted(set(_user_data(assistant)) | set(assistant.analytics.owners()), key=len, reverse=True)
    board = app.tabs[0]
    texts = [e.value for kind in ("subheader", "caption", "markdown", "info", "warning", "success") for e in board.get(kind)]
    texts += [m.label for m in board.get("metric")] + [s.label for s in board.get("selectbox")]
    texts += [s.label for s in board.get("radio")] + [o for r in board.get("radio") for o in r.options]
    texts += [str(c) for d in board.get("arrow_data_frame") for c in d.value.columns]
    cleaned = []
    for text in texts:
        for name in user_data:
            text = text.replace(name, "")
        cleaned.append(text)
    return app, cleaned


def test_the_dashboard_in_english_has_no_chinese_ui_text(monkeypatch: pytest.MonkeyPatch) -> None:
    app, texts = _dashboard(monkeypatch, "en")
    assert app.title[0].value == "Groups"
    chinese = [text for text in texts if CJK.search(text)]
    assert not chinese, chinese
    joined = " ".join(texts)
    assert "Exit rate" in joined and "%" in joined and "spam_ads" not in joined and "low_quality_influx" not in joined


def test_the_dashboard_in_chinese_shows_labels_not_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    app, texts = _dashboard(monkeypatch, "zh")
    joined = " ".join(texts)
    assert "退群率" in joined and "可信度 high" not in joined and "spam_ads" not in joined
    assert "Exit rate" not in joined and "Members" not in joined
    weeks = app.selectbox(key="dash-week").options
    assert any("进行中" in w for w in weeks)  # the unfinished week is offered, and marked
    counts = [m for m in app.tabs[0].get("metric") if m.delta and "%" not in m.delta and "¥" not in m.delta]
    assert counts and not any(m.delta.endswith(".0") for m in counts)  # whole numbers without ".0"


PAGES = ("chat", "groups", "drafts", "reports", "alerts", "schedules", "knowledge", "settings")
# Chinese a file must contain, named as it is in English mode: the column headings the batch test
# and the FAQ import read, and the language chooser's own name for Chinese.
LITERAL_CHINESE = ("问题", "答案", "期望出处", "无", "简体中文")
# Names of products and formats, and the built-in delivery channel's name (a name the CLI takes).
NAMES = {"word", "excel", "markdown", "html", "inbox", "english"}
ENV_NAME = re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b")
FILE_NAME = re.compile(r"[\w./-]+\.(?:md|txt|pdf|docx|xlsx|csv|html|json|zip)\b")


def _english_words() -> set[str]:
    """Words of our English texts that no Chinese text uses (brand and format names appear in both)."""
    entries = [*CATALOG.values(), *(entry for kind in LABELS.values() for entry in kind.values())]
    english = {w.lower() for e in entries for w in re.findall(r"[A-Za-z]{3,}", e.get("en", ""))}
    chinese = {w.lower() for e in entries for w in re.findall(r"[A-Za-z]{3,}", e.get("zh", ""))}
    return english - chinese


def _user_data(assistant) -> list[str]:  # noqa: ANN001 - Assistant
    return user_data(assistant.settings.history_db)


def _page_texts(app: AppTest, user_data: list[str]) -> list[str]:
    found = []
    for text in dict.fromkeys(texts(app._tree)):
        for value in user_data:
            text = text.replace(value, "")
        found.append(text)
    return found


def _walk(monkeypatch: pytest.MonkeyPatch, language: str) -> dict[str, list[str]]:
    monkeypatch.setenv("ASSISTANT_LANGUAGE", language)
    assistant = demo_assistant()
    user_data = _user_data(assistant)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=240)
    app.run()
    shown: dict[str, list[str]] = {}
    for page in PAGES:
        app.switch_page(f"app_pages/{page}.py").run()
        assert not app.exception, (page, app.exception)
        if page == "reports":
            app.button(key="report-generate").click().run()
        if page == "drafts":
            app.get("form_submit_button")[0].click().run()
        assert not app.exception, (page, app.exception)
        shown[page] = _page_texts(app, user_data)
    return shown


def _knowledge_content(text: str) -> bool:
    """The bundled playbooks' own headings and passages, shown or cited as they are (a document,
    not our UI): on the knowledge page, and a draft's list of the passages it used."""
    return " › " in text and not text.startswith(("Embedding", "Playbook"))


def _report_frame(text: str) -> str:
    """Of a rendered report, the lines we write whole: headings, header lines, table titles and headings."""
    lines = text.splitlines()
    kept = [line for n, line in enumerate(lines) if line.startswith(("#", ">", "**"))
            or (n + 1 < len(lines) and lines[n + 1].startswith("|---"))]
    return "\n".join(kept)


def _checked(page: str, text: str) -> str:
    if page == "reports" and text.startswith("# "):
        return _report_frame(text)
    if page in ("knowledge", "drafts") and _knowledge_content(text):
        return ""
    return text


def test_every_page_in_english_has_no_chinese_ui_text(monkeypatch: pytest.MonkeyPatch) -> None:
    shown = _walk(monkeypatch, "en")
    chinese = {}
    for page, found in shown.items():
        bad = [text for text in found if CJK.search(_strip_literals(_checked(page, text)))]
        if bad:
            chinese[page] = bad
    assert not chinese, chinese
    assert any("Exit rate" in text for text in shown["groups"])
    assert any("Week" in text for text in shown["reports"])


def test_every_page_in_chinese_has_none_of_our_english_labels(monkeypatch: pytest.MonkeyPatch) -> None:
    shown = _walk(monkeypatch, "zh")
    ours = _english_words()
    english = {}
    for page, found in shown.items():
        bad = [(sorted(words), text[:120]) for text in found if (words := _english_in(text) & ours - NAMES)]
        if bad:
            english[page] = bad
    assert not english, english
    assert any("退群率" in text for text in shown["groups"])


def _english_in(text: str) -> set[str]:
    """The words of ``text`` outside file names and setting names (ASSISTANT_LANGUAGE and the like)."""
    text = ENV_NAME.sub("", FILE_NAME.sub("", text))
    return {w.lower() for w in re.findall(r"(?<![\w:])[A-Za-z]{3,}(?![\w])", text, re.ASCII)}  # not inside ids


def _strip_literals(text: str) -> str:
    for literal in LITERAL_CHINESE:
        text = text.replace(literal, "")
    return text


@pytest.mark.parametrize(("language", "monday"), [("zh", "周一"), ("en", "Mon")])
def test_the_activity_heat_map_names_every_weekday(language: str, monday: str) -> None:
    from assistant.reports import charts
    from assistant.reports.dashboard import heat_chart

    rows = [{"weekday": d, "hour": h, "messages": d + h} for d in range(1, 8) for h in range(24)]
    spec = charts.figure(heat_chart(rows, language), width="container").to_dict()
    y = spec["encoding"]["y"]
    assert y["sort"][0] == monday and len(y["sort"]) == 7
    # Streamlit's theme hides overlapping and edge labels: this axis must not let it.
    assert y["axis"]["labelOverlap"] is False and y["axis"]["labelFlush"] is False
    assert spec["height"] >= 7 * 20


def test_the_offline_drafts_are_written_in_english_in_english_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    """Announcement, rules, activity plan and complaint reply from the offline templates: no Chinese
    beyond what the user typed, the cited playbooks and the group's own names."""
    from assistant.jobs.draft import DraftRequest

    monkeypatch.setenv("ASSISTANT_LANGUAGE", "en")
    assistant = demo_assistant()
    requests = [DraftRequest("announcement", "", {"facts": "Friday 8 pm\n¥39 a box"}, None),
                DraftRequest("rules", "", {}, None),
                DraftRequest("activity", "", {"goal": "more activity and sales", "dates": "next week"}, None),
                DraftRequest("complaint", "收到的草莓烂了一半，我要退款！", {"brand": "Fresh Shop"}, None)]
    for request in requests:
        stream = assistant.stream_draft(request)
        text = "".join(stream)
        cited = [s.title for s in stream.draft.sources] + [s.source for s in stream.draft.sources]
        own = "\n".join(line for line in text.splitlines()  # lines citing a playbook by its title
                        if not any(c and c in line for c in cited) and "(playbook reference)" not in line)
        for passage in stream.draft.sources:  # the playbooks' own words, quoted
            own = own.replace(passage.body, "")
        assert not CJK.search(own), (request.job, own)
        assert [title for title, _ in stream.draft.blocks()]


def test_the_weekly_report_body_is_english_in_english_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    """Beyond its frame: the churn section (verdicts, causes, undecided drivers, where exits
    concentrate) and the action list with its reasons. What stays Chinese is user data (group,
    member and campaign names, quoted messages, topics named after the members' words) and the
    playbook sections an action cites by name."""
    from assistant.reports.exports import markdown

    monkeypatch.setenv("ASSISTANT_LANGUAGE", "en")
    assistant = demo_assistant()
    report = assistant.weekly_report()
    user_data = _user_data(assistant) + [q.label for q in report.questions] + [q.text for q in report.questions]
    body = markdown.render(report)
    start = body.index("## " + CATALOG["report.s.churn"]["en"])
    churn = body[start:body.index("\n## ", start + 1)]
    actions = [line for line in body.splitlines() if re.match(r"\d+\. ", line)]
    assert actions and "Tighten join checks" in body
    left = []
    for line in churn.splitlines() + actions:
        if line.startswith("|") and re.search(r"\| 20\d\d-\d\d-\d\d ", line):
            continue  # an evidence row: a member's own message
        line = re.sub(r"knowledge/[^;)]*", "", line)
        for value in sorted(user_data, key=len, reverse=True):
            line = line.replace(value, "")
        if CJK.search(line):
            left.append(line)
    assert not left, left


def test_the_cli_refuses_an_unknown_group_or_a_week_not_over_in_english(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from assistant.cli import cli

    monkeypatch.setenv("ASSISTANT_LANGUAGE", "en")
    demo_assistant()
    result = CliRunner().invoke(cli, ["metrics", "--group", "没有这个群"])
    assert result.exit_code == 1 and result.output.startswith("Error: There is no group named “没有这个群”. Imported groups: ")
    result = CliRunner().invoke(cli, ["report", "weekly", "--week", "2099-W01"])
    assert result.exit_code == 1 and "2099-W01 is not over yet or has no data; the latest complete week is" in result.output
    result = CliRunner().invoke(cli, ["churn", "--since", "2026-03-10", "--until", "2026-03-01"])
    assert result.output.strip() == "Error: The end date 2026-03-01 is before the start date 2026-03-10."


@pytest.mark.parametrize(("language", "line"), [("en", "  · 老周（管理员） (inferred from behaviour): removed 15 members"),
                                                ("zh", "  · 老周（管理员）（按行为推断）：移出过 15 名成员")])
def test_the_cli_words_why_an_admin_was_inferred_in_the_workspace_language(monkeypatch, language: str, line: str) -> None:
    from click.testing import CliRunner

    from assistant.cli import cli
    from tests.support.demo_workspace import SPAM

    monkeypatch.setenv("ASSISTANT_LANGUAGE", language)
    demo_assistant()
    result = CliRunner().invoke(cli, ["groups", "admins", "list", "--group", SPAM])
    assert result.exit_code == 0 and result.output.splitlines()[1] == line, result.output
    listed = json.loads(CliRunner().invoke(cli, ["groups", "admins", "list", "--group", SPAM, "--json"]).output)
    assert listed[0]["admins"][0]["reasons"] == [{"id": "removed", "n": 15}]  # ids and counts, in either language
    unknown = CliRunner().invoke(cli, ["groups", "admins", "set", "nobody", "--group", SPAM]).output
    assert unknown.startswith({"en": f"Error: “{SPAM}” has no member “nobody”. See the member ids",
                               "zh": f"错误: 群「{SPAM}」里没有成员「nobody」。用 groups admins list"}[language]), unknown


def test_the_chat_cites_a_join_or_an_exit_in_english_in_english_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    """A join or an exit cited as evidence is a sentence of ours (``text_en``), not a member's words."""
    from tests.support.demo_workspace import SPAM

    monkeypatch.setenv("ASSISTANT_LANGUAGE", "en")
    demo_assistant()
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    app.run()
    app.chat_input[0].set_value(f"Why the churn in {SPAM}?").run()
    assert not app.exception, app.exception
    [answer] = [m for m in app.chat_message if m.name == "assistant"]
    evidence = next(e for e in answer.expander if e.label.startswith(CATALOG["chat.evidence"]["en"]))
    cited = [m.value for m in evidence.markdown]
    assert any("joined (invited by" in line and "left 0 day(s) later" in line for line in cited), cited
    assert not [line for line in cited if "入群（" in line or "后退群" in line]
    said = "\n".join(m.value for m in answer.markdown)  # the offline answer lists the same evidence
    assert "joined (invited by" in said and "入群（" not in said and "消息ID" not in said, said


def test_the_cli_metrics_segments_and_risks_are_english_in_english_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from assistant.cli import cli

    monkeypatch.setenv("ASSISTANT_LANGUAGE", "en")
    assistant = demo_assistant()
    output = CliRunner().invoke(cli, ["metrics"]).output
    for name in assistant.analytics.group_names():
        output = output.replace(name, "")
    assert "All groups · " in output and "✗ act" in output and "'left': " in output and not CJK.search(output), output
    segments = CliRunner().invoke(cli, ["segments"]).output
    assert segments.startswith("Lifecycle: new ") and not CJK.search(segments), segments
    risks = CliRunner().invoke(cli, ["risks"]).output.splitlines()
    flags = [line for line in risks if line.startswith("[")]  # each followed by its context command (user data in it)
    assert flags and not [line for line in flags if CJK.search(line.split("]")[0])]  # the rest quotes members
    assert all(line.startswith("   → context: python -m assistant history context --group ") for line in risks
               if line not in flags)
