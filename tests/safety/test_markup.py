"""Untrusted Markdown on a page: an image never loads, it is named by its description in the
workspace language; links and tags are shown as text."""

from __future__ import annotations

from assistant.safety.markup import neutralize


def test_an_image_is_named_in_chinese_by_default() -> None:
    assert neutralize("看 ![二维码](http://x.example/a.png)") == "看 ［图片：二维码］"
    assert neutralize("![](http://x.example/a.png)") == "［图片：无描述］"


def test_an_image_is_named_in_english_in_english() -> None:
    assert neutralize("see ![QR code](http://x.example/a.png)", "en") == "see [image: QR code]"
    assert neutralize("![](http://x.example/a.png)", "en") == "[image: no description]"


def test_links_and_tags_stay_text() -> None:
    shown = neutralize('[click](http://x.example) <img src="x">', "en")
    assert "](" not in shown and "<img" not in shown and "click" in shown
