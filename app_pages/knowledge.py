"""The knowledge page: upload documents, see and manage what is indexed, test and evaluate retrieval."""

from __future__ import annotations

import streamlit as st

from app_pages import access, state
from assistant import AssistantError
from assistant.i18n import label, t
from assistant.app import BUNDLED, USER, AddResult, read_cases
from assistant.app import escape_markdown as escape

settings = state.settings()
lang = settings.language
assistant = state.assistant(settings)


def _report(result: AddResult) -> None:
    if result.status == "failed":
        st.error(f"{escape(result.name)}：{escape(result.message)}")
        return
    text = t("kb.result", lang, name=escape(result.name), status=t(f"kb.status.{result.status}", lang),
             chunks=result.chunks, new=result.new_chunks, removed=result.removed_chunks, merged=result.merged)
    (st.info if result.status == "unchanged" else st.success)(text)


def _upload() -> None:
    files = st.file_uploader(t("kb.upload", lang), accept_multiple_files=True,
                             type=["md", "markdown", "txt", "pdf", "docx", "html", "htm", "csv", "xlsx"])
    if not files or not st.button(t("kb.add", lang), type="primary"):
        return
    bar = st.progress(0.0)

    def progress(done: int, total: int, name: str) -> None:
        bar.progress(done / total if total else 1.0, text=t("kb.adding", lang, name=name) if name else t("kb.done", lang))

    try:
        results = assistant.add_documents([(f.name, f.getvalue()) for f in files], progress)
    except AssistantError as exc:
        st.error(str(exc))
        return
    access.record(settings, "document.add", {"files": [r.name for r in results],
                                              "status": [r.status for r in results]})
    for result in results:
        _report(result)


@st.fragment(run_every=2)
def _vectors() -> None:
    """The semantic side's progress: an upload is searchable by keywords at once, meaning follows."""
    progress = assistant.kb.fill_progress()
    st.caption(t("kb.embedding", lang, name=escape(label("embedding", assistant.embedding_label, lang))))
    if progress is None or progress.done:
        return
    if progress.error:
        st.warning(t("kb.vectors.error", lang, error=escape(progress.error)))
        return
    share = progress.embedded / progress.total if progress.total else 1.0
    st.progress(share, text=t("kb.vectors", lang, done=progress.embedded, total=progress.total, rate=progress.rate))


def _evaluation() -> None:
    """Batch hit test: a sheet of questions and where each should be found → figures per side."""
    st.subheader(t("kb.eval", lang))
    st.caption(t("kb.eval.help", lang))
    sheet = st.file_uploader(t("kb.eval.upload", lang), type=["csv", "tsv", "txt", "xlsx"], key="kb-eval-file")
    if sheet is None or not st.button(t("kb.eval.run", lang), key="kb-eval-run"):
        return
    try:
        cases = read_cases(sheet.name, sheet.getvalue(), lang)
        with st.spinner(t("kb.eval.running", lang, n=len(cases))):
            report = assistant.kb.evaluate(cases)
    except AssistantError as exc:
        st.error(str(exc))
        return
    names = {"hybrid": t("kb.eval.hybrid", lang), "vector": t("kb.eval.vector", lang), "bm25": "BM25"}
    st.dataframe([{t("kb.eval.side", lang): names[s.side], t("kb.eval.questions", lang): s.questions,
                   "hit@1": s.hit1, "hit@3": s.hit3, "MRR": s.mrr} for s in report.sides.values()],
                 hide_index=True, use_container_width=True)
    if report.off_topic:
        st.write(t("kb.eval.declined", lang, declined=report.declined, total=report.off_topic))
    misses = report.sides["hybrid"].misses
    if misses:
        st.write(t("kb.eval.misses", lang, n=len(misses)))
        st.dataframe([{t("kb.eval.question", lang): m.question, t("kb.eval.expected", lang): m.expected,
                       t("kb.eval.rank", lang): m.rank, t("kb.eval.got", lang): "；".join(m.got)} for m in misses],
                     hide_index=True, use_container_width=True)


def _documents() -> None:
    st.subheader(t("kb.documents", lang))
    rows = assistant.documents()
    collection = {BUNDLED: t("kb.bundled", lang), USER: t("kb.user", lang)}
    st.dataframe(
        [{t("kb.col.name", lang): r.name, t("kb.col.kind", lang): r.kind,
          t("kb.col.collection", lang): collection[r.collection], t("kb.col.chunks", lang): r.chunks,
          t("kb.col.size", lang): f"{r.size / 1024:.1f} KB", t("kb.col.added", lang): r.added_at} for r in rows],
        hide_index=True, width="stretch",
    )
    mine = [r.name for r in rows if r.collection == USER]
    left, right = st.columns(2)
    with left:
        if mine and not access.current().is_admin:
            st.caption(t("kb.delete_admin_only", lang))
        elif mine:
            name = st.selectbox(t("kb.delete", lang), mine, key="delete-name")
            if st.button(t("kb.delete", lang), key="delete"):
                count = assistant.remove_document(name)
                access.record(settings, "document.remove", {"file": name, "chunks": count})
                st.success(t("kb.deleted", lang, name=escape(name), count=count))
                st.rerun()
    with right:
        if st.button(t("kb.rebuild", lang), key="rebuild"):
            with st.spinner(t("kb.rebuild", lang)):
                report, results = assistant.rebuild_index()
            st.success(t("kb.rebuilt", lang, bundled=report.added, docs=len(results)))
    with st.expander(t("kb.view", lang)):
        name = st.selectbox(t("kb.col.name", lang), [r.name for r in rows], key="view-name")
        for chunk in assistant.kb.chunks_of(name) if name else []:
            page = chunk.metadata.get("page")
            st.markdown(f"**{escape(chunk.metadata.get('title', ''))}**" + (t("kb.page", lang, page=page) if page else ""))
            st.text(chunk.text)


def _retrieval_test() -> None:
    st.subheader(t("kb.test", lang))
    query = st.text_input(t("kb.test.query", lang), key="kb-test-query")
    scopes = {t("kb.test.both", lang): None, t("kb.bundled", lang): [BUNDLED], t("kb.user", lang): [USER]}
    scope = st.radio(t("kb.test.scope", lang), list(scopes), horizontal=True, key="kb-test-scope")
    if not query:
        return
    retrieved = assistant.kb.retrieve(query, 8, scopes[scope])
    hits = retrieved.passages
    if not hits:
        st.info(t("kb.test.none", lang))
        return
    if not retrieved.found:
        st.warning(t("kb.test.not_found", lang))
    st.dataframe(
        [{"#": n, "score": round(h.score, 4), "vector": None if h.vector_score is None else round(h.vector_score, 3),
          "BM25": None if h.bm25_score is None else round(h.bm25_score, 2), "found by": "+".join(sorted(h.found_by)),
          "source": h.source, "title": h.title, "snippet": h.snippet} for n, h in enumerate(hits, start=1)],
        hide_index=True, width="stretch",
    )


st.title(t("kb.title", lang))
st.caption(t("kb.intro", lang))
_upload()
_vectors()
_documents()
_retrieval_test()
_evaluation()
