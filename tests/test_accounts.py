"""Accounts, roles and the audit log at library level and through ``python -m assistant users``."""

from __future__ import annotations

import json
import socket
import stat
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from assistant.accounts import ADMIN, OPERATOR, Accounts, serves_only_this_machine
from assistant.audit import HIDDEN, AuditLog, cli_actor
from assistant.cli import cli
from assistant.errors import ConfigError, InputError
from tests.support import network_guard

PASSWORD = "correct horse 9"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_accounts_are_bcrypt_hashed_in_a_private_yaml_file(tmp_path) -> None:
    accounts = Accounts(tmp_path / "data")
    assert not accounts.configured()
    admin = accounts.add("ZhangSan", ADMIN, PASSWORD)
    assert (admin.name, admin.role, admin.is_admin) == ("zhangsan", ADMIN, True)
    text = accounts.path.read_text(encoding="utf-8")
    assert PASSWORD not in text and "$2b$12$" in text  # bcrypt at its default cost
    assert mode(accounts.path) == 0o600
    config = yaml.safe_load(text)  # the layout streamlit-authenticator reads
    assert config["credentials"]["usernames"]["zhangsan"]["roles"] == [ADMIN]
    assert len(config["cookie"]["key"]) == 64 and config["cookie"]["expiry_days"] > 0
    assert accounts.configured() and accounts.verify("zhangsan", PASSWORD) == admin
    assert accounts.verify("zhangsan", "wrong password") is None and accounts.verify("nobody", PASSWORD) is None


def test_roles_passwords_and_removal(tmp_path) -> None:
    accounts = Accounts(tmp_path)
    with pytest.raises(InputError, match="管理员"):
        accounts.add("lisi", OPERATOR, PASSWORD)  # the first account must be able to change settings
    accounts.add("zhangsan", ADMIN, PASSWORD)
    accounts.add("运营小李", OPERATOR, PASSWORD)
    assert [(a.name, a.role) for a in accounts.all()] == [("zhangsan", ADMIN), ("运营小李", OPERATOR)]
    with pytest.raises(InputError, match="已存在"):
        accounts.add("ZHANGSAN", OPERATOR, PASSWORD)
    with pytest.raises(InputError, match="最后一个管理员"):
        accounts.remove("zhangsan")
    key = yaml.safe_load(accounts.path.read_text())["cookie"]["key"]
    accounts.set_password("运营小李", "another secret")
    assert accounts.verify("运营小李", "another secret") and not accounts.verify("运营小李", PASSWORD)
    assert yaml.safe_load(accounts.path.read_text())["cookie"]["key"] != key  # remembered logins end
    accounts.remove("运营小李")
    accounts.remove("zhangsan")  # the last account may go: the app is then local-only again
    assert not accounts.configured()


@pytest.mark.parametrize(("name", "password", "hint"), [
    ("bad name!", PASSWORD, "账号名"),
    ("ok", "short", "至少"),
    ("ok", " padded password ", "空格"),
    ("ok", "密" * 25, "太长"),
])
def test_bad_names_and_passwords_are_refused_with_a_reason(tmp_path, name, password, hint) -> None:
    with pytest.raises(InputError, match=hint):
        Accounts(tmp_path).add(name, ADMIN, password)
    assert not (tmp_path / "users.yaml").exists()


def test_a_broken_accounts_file_says_how_to_fix_it_and_a_loose_one_is_tightened(tmp_path) -> None:
    accounts = Accounts(tmp_path)
    accounts.add("zhangsan", ADMIN, PASSWORD)
    accounts.path.chmod(0o644)
    assert accounts.configured() and mode(accounts.path) == 0o600
    accounts.path.write_text("credentials: [unclosed", encoding="utf-8")
    with pytest.raises(ConfigError, match="users add"):
        accounts.all()


@pytest.mark.parametrize(("address", "local"), [
    ("127.0.0.1", True), ("127.1", True), ("127.0.0.2", True), ("::1", True), ("[::1]", True),
    ("localhost", True), ("localhost.", True), ("::ffff:127.0.0.1", True),
    ("0.0.0.0", False), ("::", False), ("", False), (None, False), ("192.168.1.20", False),
    ("10.0.0.5", False), ("::ffff:10.0.0.5", False), ("0", False),
])
def test_loopback_is_decided_by_the_address_not_its_spelling(monkeypatch, address, local) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", network_guard._real_getaddrinfo)  # /etc/hosts, no DNS here
    assert serves_only_this_machine(address) is local


def test_audit_log_is_private_newest_first_and_never_holds_secrets(tmp_path) -> None:
    log = AuditLog(tmp_path)
    log.record("zhangsan", "settings.change", {"changed": ["OPENAI_API_KEY", "OPENAI_BASE_URL"],
                                               "OPENAI_API_KEY": "sk-secret-123", "OPENAI_BASE_URL": "http://x/v1",
                                               "nested": {"password": "hunter22"}})
    with log.path.open("a", encoding="utf-8") as out:
        out.write('{"at": "torn')  # a crash mid-line
    log.record("lisi", "document.remove", {"file": "SOP.docx"})
    text = log.path.read_text(encoding="utf-8")
    assert "sk-secret-123" not in text and "hunter22" not in text
    assert mode(log.path) == 0o600
    newest, oldest = log.recent()
    assert (newest.actor, newest.action, newest.detail) == ("lisi", "document.remove", {"file": "SOP.docx"})
    assert oldest.detail["OPENAI_API_KEY"] == HIDDEN and oldest.detail["nested"] == {"password": HIDDEN}
    assert oldest.detail["OPENAI_BASE_URL"] == "http://x/v1" and "T" in oldest.at
    assert [e.actor for e in log.recent(limit=1)] == ["lisi"]


def test_users_commands_manage_accounts_and_are_audited(isolated_env) -> None:
    runner = CliRunner()
    added = runner.invoke(cli, ["users", "add", "zhangsan", "--role", "admin", "--password-stdin"],
                          input=PASSWORD + "\n")
    assert added.exit_code == 0, added.output
    prompted = runner.invoke(cli, ["users", "add", "lisi", "--role", "operator"],
                             input=f"{PASSWORD}\n{PASSWORD}\n")
    assert prompted.exit_code == 0 and PASSWORD not in prompted.output
    listed = runner.invoke(cli, ["users", "list", "--json"])
    assert [(a["name"], a["role"]) for a in json.loads(listed.output)] == [("lisi", OPERATOR), ("zhangsan", ADMIN)]
    assert "$2b$" not in listed.output
    refused = runner.invoke(cli, ["users", "passwd", "lisi", "--password-stdin"], input="short\n")
    assert refused.exit_code == 1 and "至少" in refused.output and "Traceback" not in refused.output
    assert runner.invoke(cli, ["users", "passwd", "lisi", "--password-stdin"], input="new password 1\n").exit_code == 0
    assert runner.invoke(cli, ["users", "remove", "lisi"]).exit_code == 0
    accounts = Accounts(isolated_env / "data")
    assert [a.name for a in accounts.all()] == ["zhangsan"] and accounts.verify("zhangsan", PASSWORD)
    log = AuditLog(isolated_env / "data").recent()
    assert [e.action for e in log] == ["users.remove", "users.passwd", "users.add", "users.add"]
    assert {e.actor for e in log} == {cli_actor()} and cli_actor().startswith("cli:")
    assert PASSWORD not in AuditLog(isolated_env / "data").path.read_text(encoding="utf-8")


def test_cli_imports_and_deletions_are_audited(isolated_env) -> None:
    doc = isolated_env / "SOP.md"
    doc.write_text("# 售后\n\n退款三天内处理。\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["kb", "add", str(doc)]).exit_code == 0
    assert runner.invoke(cli, ["kb", "remove", "SOP.md"]).exit_code == 0
    entries = AuditLog(isolated_env / "data").recent()
    assert [(e.action, e.actor) for e in entries] == [("document.remove", cli_actor()), ("document.add", cli_actor())]
    assert entries[0].detail["file"] == "SOP.md" and entries[1].detail["files"] == ["SOP.md"]
