"""The compliance check of English drafts, scored on a blind labelled set.

``tests/data/compliance_en.tsv`` was written by a session that read no code, only the categories'
definitions; it is the tuned-on half (a held-out half is scored by the lead with
``python -m benchmarks.compliance_quality FILE``). Per line, the set of categories flagged must equal
the labels; the floor is what the checker reached when the English terms were added (24/60 before).
"""

from __future__ import annotations

from assistant.jobs.compliance import GroupRules, check
from benchmarks.compliance_quality import TUNED, flagged, score

FLOOR = 60  # of 60 lines


def test_the_blind_english_set_is_flagged_line_by_line() -> None:
    right, total, misses = score(TUNED)
    assert total == 60 and right >= FLOOR, misses


def test_an_english_problem_is_worded_in_english_with_the_drafts_own_words() -> None:
    [problem] = check("Cheapest baby wipes in town!", GroupRules(), "en")
    assert (problem.category, problem.term) == ("advertising-law wording", "Cheapest")
    assert problem.suggestion == "write “great value” instead"
    [window] = check("Report broken eggs within 48 hours.", GroupRules(claim_hours=24), "en")
    assert window.term == "within 48 hours" and "within 24 hours of delivery" in window.suggestion


def test_negations_and_everyday_phrases_are_not_flagged() -> None:
    for text in ("Best regards, the team", "Wishing you all the best!", "First come, first served.",
                 "You are No. 3 in the queue.", "We never claim our tea cures anything.",
                 "Do not transfer money privately to anyone.", "Report problems within 24 hours.",
                 "The replay stays up for 7 days.", "Our cured ham is sliced daily.", "Make the most of it!"):
        assert flagged(text) == set(), text


def test_the_claim_window_follows_the_groups_rules() -> None:
    assert flagged("Report problems within 48 hours.") == {"rules"}
    assert not check("Report problems within 48 hours.", GroupRules(claim_hours=48), "en")
    assert flagged("You have two days to tell us about damage.") == {"rules"}


def test_a_chinese_draft_is_checked_as_before() -> None:
    assert not check("best price, cures everything, pay me directly", GroupRules(), "zh")
    [problem] = check("全网最低价，先到先得", GroupRules(), "zh")
    assert (problem.category, problem.term) == ("广告法用语", "全网最低")
