"""Who is using the app: the login gate, the signed-in account in the sidebar, the admin check.

Without accounts the app serves this machine alone and whoever sits at it is an admin, as at the
CLI; bound to any other address it refuses to serve until an account exists. With accounts every
page requires a login (streamlit-authenticator: bcrypt hashes in ``users.yaml``, a signed cookie
so a reload keeps the login). The role is read from ``users.yaml`` on every run, so an account
removed or changed at the CLI takes effect at the next click, not at the next login.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

import streamlit as st

from assistant import Settings
from assistant.app import ADMIN_ROLE as ADMIN
from assistant.app import Accounts, AuditLog, serves_only_this_machine
from assistant.i18n import t

if TYPE_CHECKING:  # imported when accounts exist: the local default does not pay for it at start
    import streamlit_authenticator as stauth

_VIEWER = "_access_viewer"
_LOGOUT = "access-logout"
FAILED_PAUSE = 1.0  # seconds after a failed login
# (key of streamlit-authenticator's cookie component "set" | "delete", "drawn" | "again") while
# the browser has not confirmed that it stored or removed the login cookie
_PENDING = "_access_cookie_pending"
LOCAL = "local"


@dataclass(frozen=True)
class Viewer:
    actor: str  # the name the audit log records: the account, or "local" without accounts
    role: str

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN


def gate(settings: Settings, addresses: list[str]) -> Viewer:
    """The viewer of this run; shows the login form (or the refusal) and stops when there is none.

    ``addresses`` are the pages' URL paths, the default first: while the login form shows they all
    lead to it, so an address typed before signing in opens its page right after.
    """
    st.session_state.pop(_VIEWER, None)  # a run the gate stops leaves no viewer behind
    accounts = Accounts(settings.data_dir, settings.language)
    if not accounts.configured():
        address = st.get_option("server.address")
        if not serves_only_this_machine(address):
            st.error(t("auth.exposed", settings.language, address=address or "0.0.0.0 / ::"))
            st.stop()
        return _remember(Viewer(LOCAL, ADMIN))
    return _remember(_signed_in(settings, accounts, addresses))


def current() -> Viewer:
    """The viewer :func:`gate` let in on this run (app.py runs it before every page)."""
    viewer = st.session_state.get(_VIEWER)
    if not isinstance(viewer, Viewer):
        st.stop()
    return viewer


def require_admin(language: str) -> Viewer:
    """Stop the page with a refusal unless the viewer is an admin."""
    viewer = current()
    if not viewer.is_admin:
        st.error(t("settings.admin_only", language))
        st.stop()
    return viewer


def record(settings: Settings, action: str, detail: dict | None = None) -> None:
    """Add an action of the current viewer to the workspace's audit log."""
    AuditLog(settings.data_dir).record(current().actor, action, detail)


def _remember(viewer: Viewer) -> Viewer:
    st.session_state[_VIEWER] = viewer
    return viewer


def _signed_in(settings: Settings, accounts: Accounts, addresses: list[str]) -> Viewer:
    from streamlit_authenticator.utilities import LoginError

    lang, log = settings.language, AuditLog(settings.data_dir)
    config = accounts.authenticator_config()
    authenticator = _authenticator(config)
    if st.session_state.get("authentication_status") and st.session_state.get(_LOGOUT):
        _logged_out(authenticator, str(st.session_state.get("username")), log)
    fields = {"Form name": t("auth.form", lang), "Username": t("auth.username", lang),
              "Password": t("auth.password", lang), "Login": t("auth.submit", lang)}
    try:
        authenticator.login(fields=fields, callback=lambda who: _logged_in(log, who["username"]))
    except LoginError:  # a remembered login of an account removed since: forget it, ask again
        st.session_state["logout"] = True  # streamlit-authenticator's flag to ignore the cookie
        st.rerun()
    status = st.session_state.get("authentication_status")
    if status is False:
        log.record(_attempted(config["credentials"]), "login_failed")
        st.session_state["authentication_status"] = None  # record each attempt once, not each rerun
        time.sleep(FAILED_PAUSE)  # guessing passwords through the page stays slow
        st.error(t("auth.failed", lang))
    _finish_cookie(authenticator, bool(status))
    if not status:
        _login_only(lang, addresses)
    account = accounts.get(st.session_state.get("username"))
    if account is None:  # removed at the CLI while signed in
        _sign_out(authenticator)
    st.sidebar.caption(t("auth.signed_in", lang, name=account.name, role=t("role." + account.role, lang)))
    st.sidebar.button(t("auth.logout", lang), key=_LOGOUT, icon=":material/logout:")
    return Viewer(account.name, account.role)


def _logged_in(log: AuditLog, name: str) -> None:
    log.record(name, "login")
    st.session_state[_PENDING] = ("set", "drawn")  # streamlit-authenticator draws the setter next


def _logged_out(authenticator: stauth.Authenticate, name: str, log: AuditLog) -> None:
    log.record(name, "logout")
    authenticator.logout(location="unrendered")  # draws the cookie remover
    st.session_state[_PENDING] = ("delete", "drawn")


def _finish_cookie(authenticator: stauth.Authenticate, signed_in: bool) -> None:
    """Draw the cookie setter (after a login) or remover (after a logout) again on each run until
    the browser says it is done.

    Both are components that act in the browser once drawn; a rerun that comes first (a quick
    click, another component answering) removes them unrun, and the login would not survive a
    reload, or would survive a sign-out. Their answer arrives as the value of their key.
    """
    pending = st.session_state.get(_PENDING)
    if pending is None or (pending[0] == "set") != signed_in:
        st.session_state.pop(_PENDING, None)
        return
    key, state = pending
    if st.session_state.get(key) is True:
        del st.session_state[_PENDING]
    elif state == "drawn":
        st.session_state[_PENDING] = (key, "again")  # this run's one was drawn by the library
    elif key == "set":
        authenticator.cookie_controller.set_cookie()
    else:
        authenticator.cookie_controller.delete_cookie()


def _authenticator(config: dict) -> stauth.Authenticate:
    import streamlit_authenticator as stauth

    cookie = config["cookie"]
    # No pause before every run of a signed-out page (the library's default): the first run must
    # reach st.navigation before the cookie component answers, or a typed page address is lost.
    # Failed attempts pause instead (FAILED_PAUSE).
    return stauth.Authenticate(config["credentials"], cookie["name"], cookie["key"],
                               float(cookie["expiry_days"]), auto_hash=False, login_sleep_time=0)


def _sign_out(authenticator: stauth.Authenticate) -> None:
    """End this session's login and show the login form again."""
    authenticator.logout(location="unrendered")
    st.rerun()


def _login_only(lang: str, addresses: list[str]) -> None:
    """Stop with the login form alone. Every page address leads to it (no "page not found"), and a
    navigation in this run keeps the browser from rerunning at once, which would drop a sign-out's
    cookie deletion before it ran."""
    title = t("auth.form", lang)
    st.navigation([st.Page(_signed_out, title=title, url_path=path, default=n == 0)
                   for n, path in enumerate(addresses)], position="hidden")
    st.stop()


def _signed_out() -> None:
    """The only page while nobody is signed in: the form above it is all there is."""


def _attempted(credentials: dict) -> str:
    """The account a failed login tried (this run's copy counts its failures), or "?" if unknown."""
    tried = [name for name, entry in credentials["usernames"].items() if entry.get("failed_login_attempts")]
    return tried[0] if tried else "?"
