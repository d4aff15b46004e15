"""A one-click copy button: Streamlit has no clipboard API, so a tiny page in an iframe (Streamlit
grants its iframes ``clipboard-write``) writes the text with ``navigator.clipboard.writeText``,
falling back to a selected textarea and ``execCommand("copy")`` where the Clipboard API is refused
(plain http on another machine). Inline script and styles only: nothing is fetched, so it works
offline. The button says it copied, so a person (and the browser test) can see it worked.
"""

from __future__ import annotations

import html
import json

import streamlit as st

_PAGE = """<!doctype html><meta charset="utf-8">
<style>
  body {{ margin: 0; font-family: "Source Sans Pro", "Noto Sans SC", sans-serif; }}
  button {{ display: inline-flex; align-items: center; gap: .35rem; border: 1px solid rgba(49, 51, 63, .2);
           border-radius: .5rem; background: #fff; color: rgb(49, 51, 63); font: inherit; font-size: .875rem;
           padding: .25rem .75rem; cursor: pointer; line-height: 1.6; }}
  button:hover {{ border-color: #ff4b4b; color: #ff4b4b; }}
  button.done {{ border-color: #21c354; color: #177233; }}
</style>
<button type="button" id="copy" data-testid="copy-button" aria-label="{label}"><svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor"
  stroke-width="2" aria-hidden="true"><rect x="9" y="9" width="12" height="12" rx="2"/><path d="M5 15V5a2 2 0 0 1 2-2h10"/>
</svg><span>{label}</span></button>
<script>
  const text = {text};
  const button = document.getElementById("copy");
  const caption = button.querySelector("span");
  function fallback() {{
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    let ok = false;
    try {{ ok = document.execCommand("copy"); }} catch (error) {{ ok = false; }}
    area.remove();
    return ok;
  }}
  function shown(ok) {{
    caption.textContent = ok ? {done} : {failed};
    button.classList.toggle("done", ok);
    setTimeout(() => {{ caption.textContent = {label_js}; button.classList.remove("done"); }}, 2500);
  }}
  button.addEventListener("click", () => {{
    if (navigator.clipboard && window.isSecureContext) {{
      navigator.clipboard.writeText(text).then(() => shown(true), () => shown(fallback()));
    }} else {{
      shown(fallback());
    }}
  }});
</script>
"""


def _js(value: str) -> str:
    """A JavaScript string literal that cannot end the script element."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def copy_button(text: str, label: str, done: str, failed: str) -> None:
    """A button that copies ``text`` in one click and then says ``done`` (or ``failed``)."""
    st.iframe(_PAGE.format(label=html.escape(label), label_js=_js(label), text=_js(text), done=_js(done),
                           failed=_js(failed)), height=36, width=140)
