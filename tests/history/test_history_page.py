"""The Groups page through AppTest: paste import, the demo button, the list of groups.

The page runs inside app.py's navigation, so these tests start once app.py lists it.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = ROOT / "app.py"
pytestmark = pytest.mark.skipif("groups" not in APP.read_text(encoding="utf-8"), reason="groups page not in app.py yet")


def open_page() -> AppTest:
    app = AppTest.from_file(str(APP), default_timeout=120)
    app.run()
    app.switch_page("app_pages/groups.py").run()
    assert not app.exception, app.exception
    return app


def test_empty_store_invites_an_import() -> None:
    app = open_page()
    assert app.title[0].value == "群数据"
    assert any("还没有数据" in info.value for info in app.info)


def test_pasted_text_is_imported_and_reported() -> None:
    app = open_page()
    app.text_area[0].set_value("张三 2024/6/1 20:15\n今晚8点开团\n\n李四 2024/6/1 20:16\n+1").run()
    app.text_input(key="paste_group").set_value("幸福里团购1群").run()
    [button] = [b for b in app.button if b.label == "导入粘贴的内容"]
    button.click().run()
    assert not app.exception, app.exception
    assert any("粘贴的文本: 成功" in s.value for s in app.success)
    assert app.dataframe[-1].value["群名"].tolist() == ["幸福里团购1群"]


def test_demo_button_loads_three_groups_with_time_ranges() -> None:
    app = open_page()
    [button] = [b for b in app.button if b.label == "加载示例数据"]
    button.click().run()
    assert not app.exception, app.exception
    table = app.dataframe[-1].value
    assert len(table) == 3 and table["开始"].notna().all() and table["结束"].notna().all()
    assert len(app.expander) >= 3


def test_weflow_sync_form_lists_groups_and_syncs() -> None:
    from tests.support.weflow_server import FakeWeFlow

    server = FakeWeFlow().start()
    try:
        server.chat("20009990000@chatroom", "幸福里同步群")
        server.say("20009990000@chatroom", "wxid_zs", "张三", 1780272060, 0, "今晚开团")
        app = open_page()
        app.text_input(key="weflow_url").set_value(server.url).run()
        app.text_input(key="weflow_token").set_value(server.token).run()
        [listing] = [b for b in app.button if b.label == "列出 WeFlow 里的群聊"]
        listing.click().run()
        assert not app.exception, app.exception
        [groups] = [m for m in app.multiselect if m.label == "要同步的群"]
        groups.set_value(["20009990000@chatroom"]).run()
        [sync] = [b for b in app.button if b.label == "同步"]
        sync.click().run()
        assert not app.exception, app.exception
        assert any("WeFlow 同步 · 幸福里同步群: 成功" in s.value for s in app.success)
        assert server.token not in str([e.value for e in app.markdown] + [s.value for s in app.success])
    finally:
        server.stop()
