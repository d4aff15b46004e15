"""The causes where the team stops answering: unresolved complaints and silent admins.

Both hold back the admins' replies from the cause's first day (``prepare_*``: complaints stay
unsettled, questions go unanswered), then plant the messages left hanging (complaints and their
echoes, unanswered questions and nudges) and make their authors leave first, others up to the dose.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from . import texts
from .background import WORKING_HOURS, Env, answer, answer_text, promotion, question_from
from .departures import day_of, drive_out, extra_exits, stayers
from .world import Group, Member, Msg, day_time


# ---- unresolved_complaints --------------------------------------------------------------------
def prepare_complaints(g: Group, env: Env, first: int) -> None:
    for offset in range(first, 7):
        policy = env.policy(g.week_start + timedelta(days=offset))
        policy.settle_complaints = False
        policy.answer = env.params.answer * 0.85


def plant_complaints(g: Group, env: Env, dose: float, first: int) -> dict:
    rng = env.rng
    begin = day_of(g, first)
    pool = [m for m in stayers(g, begin) if m.activity > 0.1]
    complainers = rng.sample(pool, min(len(pool), rng.randint(4, 10)))
    echoers, last_said = [], {}
    for member in complainers:
        at = day_time(rng, g.week_start + timedelta(days=rng.randint(first, min(first + 3, 5))), WORKING_HOURS)
        last_said[member.uid] = _complain(g, env, member, at, echoers)
    gone = []
    for member in complainers:
        if rng.random() < 0.75:
            gone += drive_out(g, env, 1, last_said[member.uid] + timedelta(hours=4), [member], spread_h=44,
                              remark=texts.QUIT_REMARKS)  # fmt: skip
    for member in echoers:
        if rng.random() < 0.5:
            gone += drive_out(g, env, 1, begin + timedelta(hours=rng.uniform(6, 30)), [member], spread_h=48)
    rest = extra_exits(g, env, dose) - len(gone)
    gone += drive_out(g, env, rest, begin + timedelta(hours=12), stayers(g, begin), spread_h=100)
    return {"complainers": len(complainers), "echoers": len(echoers), "driven_out": len(gone)}


def _complain(g: Group, env: Env, member: Member, at: datetime, echoers: list[Member]) -> datetime:
    """A complaint, its follow-ups and the echoes; nobody from the team answers it."""
    rng = env.rng
    ctx = {**env.ctx, "p": rng.choice(env.ctx["products"]), "admin": rng.choice(g.admins).name}
    complaint = g.add(Msg(at, member.uid, texts.say(rng, texts.COMPLAINTS, ctx), tag="complaint"))
    last = at
    for _ in range(rng.choice([0, 1, 1, 2])):
        last += timedelta(hours=rng.uniform(1, 8))
        text = texts.say(rng, texts.FOLLOW_UPS, ctx)
        admin_uid = next(a.uid for a in g.admins if a.name == ctx["admin"])
        g.add(Msg(last, member.uid, text, tag="complaint", mentions=[admin_uid] if "@" in text else []))
    for other in rng.sample(stayers(g, at), min(rng.randint(0, 2), len(stayers(g, at)))):
        if other is member:
            continue
        echo = Msg(at + timedelta(minutes=rng.randrange(10, 180)), other.uid, texts.say(rng, texts.ECHOES, ctx), tag="complaint")
        echo.reply_to = complaint if rng.random() < 0.4 else None
        g.add(echo)
        echoers.append(other)
    if rng.random() < 0.4:  # the team keeps posting as if nothing happened
        promotion(g, env, at + timedelta(minutes=rng.randrange(20, 120)), rng.choice(g.admins).uid)
    return last


# ---- admin_unresponsive -----------------------------------------------------------------------
def prepare_silence(g: Group, env: Env, first: int) -> None:
    for offset in range(first, 7):
        policy = env.policy(g.week_start + timedelta(days=offset))
        policy.answer, policy.settle_complaints, policy.quiet_admins = 0.0, False, True
        policy.promos = env.params.promos * 0.5


def plant_silence(g: Group, env: Env, dose: float, first: int) -> dict:
    rng = env.rng
    begin = day_of(g, first)
    extra = []
    for offset in range(first, 7):  # people keep asking, a little more than usual
        day = g.week_start + timedelta(days=offset)
        talkers = [m for m in stayers(g, day_of(g, offset)) if m.activity > 0.1]
        for _ in range(rng.randint(1, 4) if talkers else 0):
            extra.append(g.add(question_from(env, rng.choice(talkers), day_time(rng, day))))
    open_questions = [m for m in g.messages if m.tag == "question" and m.at >= begin and not m.answered]
    askers: dict[int, datetime] = {}
    for question in open_questions:
        askers[question.sender] = max(askers.get(question.sender, question.at), question.at)
        roll = rng.random()
        if roll < 0.1:  # a late answer, many hours on
            late = question.at + timedelta(hours=rng.uniform(8, 30))
            late = late if 8 <= late.hour < 23 else late.replace(hour=rng.randint(8, 10))
            answer(g, env, question, answer_text(env, question), late)
        elif roll < 0.55:
            _nudge(g, env, question)
    gone = []
    for uid, at in askers.items():
        if rng.random() < 0.55:
            gone += drive_out(g, env, 1, at + timedelta(hours=3), [g.members[uid]], spread_h=45, remark=texts.QUIT_REMARKS)
    rest = extra_exits(g, env, dose) - len(gone)
    gone += drive_out(g, env, rest, begin + timedelta(hours=12), stayers(g, begin), spread_h=110)
    return {"questions_unanswered": len(open_questions), "askers": len(askers), "driven_out": len(gone)}


def _nudge(g: Group, env: Env, question: Msg) -> None:
    rng = env.rng
    admin = rng.choice(g.admins)
    text = texts.say(rng, texts.NOBODY_THERE, {**env.ctx, "admin": admin.name})
    g.add(Msg(question.at + timedelta(hours=rng.uniform(1, 8)), question.sender, text, tag="question",
              mentions=[admin.uid] if "@" in text else []))  # fmt: skip
    if rng.random() < 0.3:
        other = rng.choice(stayers(g, question.at))
        shrug = Msg(question.at + timedelta(minutes=rng.randrange(20, 200)), other.uid, rng.choice(texts.MEMBER_SHRUG))
        shrug.reply_to = question
        g.add(shrug)
