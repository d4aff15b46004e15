"""English mode, the findings of an audit (2026-12-02) of every command in English on the demo.

Each case is one output that still carried the product's own Chinese (a refusal, a label, a
placeholder, the weekly report's JSON and evidence, the digest's punctuation and risk rules); the
audit wrote them as strict xfails naming their source, and they pass since the fixes.
"""

from __future__ import annotations

import pytest

from tests.cli import test_cli_language
from tests.support.demo_workspace import SPAM

english = test_cli_language.english  # the fixture: the demo workspace in English, and a runner


def test_topics_for_an_unknown_group(english) -> None:
    output, chinese = english("topics", "--group", "no-such-group")
    assert output.startswith("Error: ") and not chinese, chinese


def test_a_keyword_rule_is_listed_in_english(english) -> None:
    english("alerts", "rules", "add", "--keywords", "退款,退货", "--name", "refund")
    output, _ = english("alerts", "rules", "list")
    assert "1. refund · keywords: 退款, 退货 · All groups" in output, output  # the keywords are the user's


def test_a_channel_secret_is_shown_in_english(english) -> None:
    english("schedule", "channel", "add", "--name", "fs", "--kind", "feishu", "--audience", "admin",
            "--url", "http://127.0.0.1:9/hook", "--secret", "s")
    output, chinese = english("schedule", "channel", "list")
    assert "fs" in output and not chinese, chinese


def test_settings_show_a_set_key_in_english(english, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "x")
    output, chinese = english("settings")
    assert "OPENAI_API_KEY=" in output and not chinese, chinese


def test_a_dispute_draft_names_the_parties_in_english(english, tmp_path) -> None:
    chat = tmp_path / "dispute.txt"
    chat.write_text("[2026-11-01 10:00] Ann: you sell fakes\n[2026-11-01 10:01] Bob: not true\n"
                    "[2026-11-01 10:02] Ann: refund me 200 yuan now\n[2026-11-01 10:03] Bob: send photos\n", encoding="utf-8")
    output, chinese = english("draft", "dispute", "--input", str(chat))
    assert "**Parties**: [Member A], [Member B]" in output and "**Amounts**: 200 yuan" in output, output
    assert [line for line in chinese if "(knowledge/" not in line] == []  # playbook quotes keep their language
    assert "⚠" not in output, output  # the timeline's own "#1" is not an advertising claim


def test_the_weekly_report_json_is_english(english) -> None:
    output, chinese = english("report", "weekly", "--json")
    data = [line for line in chinese if "knowledge/" in line  # playbook sources keep their headings
            or '"label": "' in line or " asked " in line]  # a question topic's key words, mined from the chats
    assert '"scope_label": "All groups"' in output and '"confidence_label": "high"' in output, output[-400:]
    assert [line for line in chinese if line not in data] == []


def test_the_weekly_report_evidence_is_english(english, tmp_path) -> None:
    out = tmp_path / "week.md"
    english("report", "weekly", "--out", str(out))
    text = out.read_text(encoding="utf-8")
    assert "天后退群" not in text and "入群（" not in text


def test_history_groups_json_is_english(english) -> None:
    output, chinese = english("history", "groups", "--json")
    assert '"kind_label": "group chat"' in output and not chinese, chinese


def test_the_digest_of_the_spam_group_is_english(english, tmp_path) -> None:
    out = tmp_path / "digest.md"
    english("digest", "--group", SPAM, "--out", str(out))
    text = out.read_text(encoding="utf-8")
    assert "兼职/刷单" not in text and "（" not in text.replace(SPAM, ""), text[:400]


def test_the_content_mix_of_metrics_json_has_english_labels(english) -> None:
    output, _ = english("metrics", "--json")
    assert '"breakdown_label": {' in output and '"Orders and delivery"' in output, output[:400]
