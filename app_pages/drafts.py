"""The drafts page (起草): a form per drafting job, the streamed draft with a copy button, the
compliance warnings highlighted, and regeneration with feedback."""

from __future__ import annotations

import streamlit as st

from app_pages import state
from assistant import AssistantError
from assistant.app import highlight_problems as highlight
from assistant.app import DRAFT_JOBS as JOBS
from assistant.app import DraftRequest
from assistant.i18n import colon, label, t
from assistant.app import escape_markdown as escape
from assistant.app import keep_line_breaks, neutralize

settings = state.settings()
assistant = state.assistant(settings)
lang = settings.language
drafts: dict = st.session_state.setdefault("drafts", {})


def _groups() -> list[str]:
    try:
        return assistant.numbers.group_names()
    except AssistantError:
        return []


def _generate(request: DraftRequest) -> None:
    try:
        stream = assistant.stream_draft(request)
        st.write_stream(stream)
    except AssistantError as exc:
        st.error(str(exc))
        return
    drafts[request.job] = {"request": request, "draft": stream.draft}
    st.rerun()


def _choice(field_name: str, value: str) -> str:
    kind = {"length": "length", "tone": "tone", "voice": "tone"}.get(field_name, "draft_choice")
    return label(kind, value, lang)


st.title(t("nav.drafts", lang))
st.caption(t("drafts.intro", lang))
job = st.selectbox(t("drafts.job", lang), list(JOBS), format_func=lambda name: label("job", name, lang),
                   index=list(JOBS).index(st.session_state.pop("draft_job", "announcement")), key="draft-job")
spec = JOBS[job]
with st.form(f"form-{job}"):
    values = {}
    for field in spec.fields:
        key = f"{job}-{field.name}"
        title = label("draft_field", f"{job}.{field.name}", lang) if lang != "zh" else field.label
        default = label("draft_default", field.default, lang)
        if field.options:
            values[field.name] = st.selectbox(title, field.options, index=field.options.index(field.default), key=key,
                                              format_func=lambda value, name=field.name: _choice(name, value))
        elif field.multiline:
            values[field.name] = st.text_area(title, value=default, key=key, height=100)
        else:
            values[field.name] = st.text_input(title, value=default, key=key)
    text_label = label("draft_field", f"{job}.text", lang) if lang != "zh" else spec.text_label
    text = st.text_area(text_label, key=f"{job}-text", height=160 if spec.needs_text else 80)
    names = _groups()
    group = st.selectbox(t("drafts.group", lang), ["", *names], key=f"{job}-group",
                         format_func=lambda g: g or t("drafts.no_group", lang)) if names else None
    submitted = st.form_submit_button(t("drafts.generate", lang), type="primary")

if submitted:
    chosen_group = group or None
    _generate(DraftRequest(job, text, values, chosen_group))

current = drafts.get(job)
if current:
    draft = current["draft"]
    st.subheader(t("drafts.heading", lang, job=label("job", job, lang)))
    st.caption(t("drafts.mode", lang, mode=t("drafts.offline", lang) if draft.mode == "offline" else draft.mode))
    if draft.notice:
        st.warning(draft.notice)
    st.markdown(neutralize(keep_line_breaks(draft.text)))
    aliases = draft.context.get("aliases") or {}
    if aliases:
        with st.expander(t("drafts.aliases", lang)):
            st.markdown("\n".join(f"- {escape(code)}{colon(lang)}{escape(name)}" for code, name in aliases.items()))
    with st.expander(t("drafts.copy", lang), expanded=True):
        for title, block in draft.blocks():  # one block per reply variant: one is sent, not three
            st.caption(escape(label("job", job, lang) if title == draft.label else title))
            st.code(block, language=None, wrap_lines=True)  # the copy button is in the block's corner
    if draft.problems:
        st.error(t("drafts.problems", lang, n=len(draft.problems)))
        for problem in draft.problems:
            st.markdown(f"- **{problem.category}**「{escape(problem.term)}」→ {escape(problem.suggestion)}")
        with st.expander(t("drafts.highlight", lang)):
            st.markdown(neutralize(highlight(draft.text, draft.problems)))
    else:
        st.success(t("drafts.clean", lang))
    if draft.sources:
        with st.expander(t("drafts.sources", lang, n=len(draft.sources))):
            for source in draft.sources:
                st.markdown(f"**{escape(source.title)}** — {escape(source.source)}")
    feedback = st.text_input(t("drafts.feedback", lang), key=f"{job}-feedback")
    if st.button(t("drafts.regenerate", lang), key=f"{job}-regenerate"):
        previous: DraftRequest = current["request"]
        _generate(DraftRequest(job, previous.text, previous.fields, previous.group, feedback, draft.text))
