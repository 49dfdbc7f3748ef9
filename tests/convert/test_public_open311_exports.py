"""Open311 GeoReport v2 ``requests`` as servers really write them.

The shapes come from the GeoReport v2 specification (<https://wiki.open311.org/GeoReport_v2>,
CC-BY 3.0: its error answer ``<errors><error><code>403</code>...``) and from
what servers add to it: namespaced elements, nested vendor elements
(``<photos><photo>``), a field given twice, a ``GBK`` declaration, times
without seconds or offset, coordinates written with a decimal comma. Each
case failed on the old code: the requests were refused (CV103), a value was
lost without a word, ``37,76`` became 3776, or a time without offset was
assumed without the CV123 the guide promises.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from smartstd.interchange import convert


def _xml(tmp_path: Path, body: str, encoding: str = "utf-8", name: str = "r.xml") -> Path:
    path = tmp_path / name
    head = f'<?xml version="1.0" encoding="{encoding}"?>\n'
    path.write_bytes((head + body).encode(encoding))
    return path


def _json(tmp_path: Path, requests: list[dict[str, Any]]) -> Path:
    path = tmp_path / "r.json"
    path.write_text(json.dumps(requests, ensure_ascii=False), encoding="utf-8")
    return path


def test_namespaced_elements_are_read_by_their_local_names(tmp_path: Path) -> None:
    src = _xml(
        tmp_path,
        '<o:service_requests xmlns:o="http://open311.org/georeport/v2">'
        "<o:request><o:service_request_id>638344</o:service_request_id>"
        "<o:status>closed</o:status><o:service_code>006</o:service_code>"
        "<o:requested_datetime>2010-04-14T06:37:38-08:00</o:requested_datetime>"
        "</o:request></o:service_requests>",
    )
    conv = convert(src, "open311-xml", community_id="c1")
    assert not [i for i in conv.issues if i.code == "CV103"] and conv.dropped == []
    (rec,) = conv.records
    assert (rec["id"], rec["status"], rec["submitted_at"]) == (
        "638344",
        "closed",
        "2010-04-14T06:37:38-08:00",
    )


def test_nested_and_repeated_elements_are_kept(tmp_path: Path) -> None:
    src = _xml(
        tmp_path,
        "<service_requests><request>"
        "<service_request_id>1</service_request_id><status>open</status>"
        "<description><![CDATA[Pothole <deep> & wide]]></description>"
        "<address>8TH AVE &amp; JUDAH ST</address>"
        "<media_url>https://example.org/1.jpg</media_url>"
        "<media_url>https://example.org/2.jpg</media_url>"
        "<photos><photo>https://example.org/3.jpg</photo><photo>https://example.org/4.jpg</photo>"
        "</photos>"
        "<attributes><attribute><code>WHERE</code><value>curb</value></attribute></attributes>"
        "</request></service_requests>",
    )
    conv = convert(src, "open311-xml", community_id="c1")
    (rec,) = conv.records
    assert rec["description"] == "Pothole <deep> & wide"
    assert rec["location"]["address"] == {"zh-CN": "8TH AVE & JUDAH ST"}
    assert rec["media_urls"] == ["https://example.org/1.jpg", "https://example.org/2.jpg"]
    assert rec["open311:photos"] == ["https://example.org/3.jpg", "https://example.org/4.jpg"]
    assert rec["open311:attributes"] == {"attribute": {"code": "WHERE", "value": "curb"}}


@pytest.mark.parametrize(
    ("encoding", "text"),
    [("GBK", "路灯不亮"), ("GB2312", "路灯不亮"), ("GB18030", "路灯不亮𠀀"), ("Big5", "路燈不亮")],
)
def test_a_chinese_declared_encoding_is_read(tmp_path: Path, encoding: str, text: str) -> None:
    src = _xml(
        tmp_path,
        "<service_requests><request><service_request_id>1</service_request_id>"
        f"<status>open</status><description>{text}</description></request></service_requests>",
        encoding=encoding,
    )
    conv = convert(src, "open311-xml", community_id="c1")
    assert [i.code for i in conv.issues if i.code.startswith("CV1")] == ["CV124"]
    assert conv.records[0]["description"] == text


def test_a_document_not_in_its_declared_encoding_says_where(tmp_path: Path) -> None:
    src = tmp_path / "r.xml"
    src.write_bytes(
        b'<?xml version="1.0" encoding="GBK"?>\n<service_requests>\n<request>\xff\xff</request>'
        b"</service_requests>"
    )
    (issue,) = convert(src, "open311-xml", community_id="c1").issues
    assert issue.code == "CV100" and "line 3, column 10" in issue.message("en")
    assert "GBK" in issue.message("zh-CN") and "编码" in issue.message("zh-CN")


def test_an_error_answer_saved_as_the_export_is_named(tmp_path: Path) -> None:
    src = _xml(
        tmp_path,
        "<errors><error><code>403</code><description>Invalid api_key received -- can't "
        "proceed with create_request.</description></error></errors>",
    )
    conv = convert(src, "open311-xml", community_id="c1")
    (issue,) = conv.issues
    assert issue.code == "CV103" and issue.source == "r.xml:2"
    assert "error answer (code 403): Invalid api_key" in issue.message("en")
    assert issue.message("zh-CN").startswith(
        "不是 Open311 诉求：这是服务器返回的 Open311 错误应答（代码 403）"
    )


def test_times_as_servers_write_them(tmp_path: Path) -> None:
    src = _json(
        tmp_path,
        [
            {
                "service_request_id": "1",
                "status": "open",
                "requested_datetime": "2024-03-05T08:05Z",
            },
            {
                "service_request_id": "2",
                "status": "open",
                "requested_datetime": "2024-03-05 08:05:00+08:00",
            },
            {
                "service_request_id": "3",
                "status": "open",
                "requested_datetime": "2024-03-05 08:05:00",
            },
        ],
    )
    conv = convert(src, "open311-json", community_id="c1")
    assert [r["submitted_at"] for r in conv.records] == [
        "2024-03-05T08:05:00Z",
        "2024-03-05T08:05:00+08:00",
        "2024-03-05T08:05:00+08:00",
    ]
    # only the third had no offset: said (CV123), as for a spreadsheet cell
    (assumed,) = [i for i in conv.issues if i.code == "CV123"]
    assert (assumed.source, assumed.entity, assumed.pointer) == (
        "r.json#/2/requested_datetime",
        2,
        "/submitted_at",
    )
    assert "2024-03-05 08:05:00" in assumed.message("zh-CN") and "+08:00" in assumed.message(
        "zh-CN"
    )


def test_a_decimal_comma_is_never_read_as_thousands(tmp_path: Path) -> None:
    src = _json(
        tmp_path,
        [
            {"service_request_id": "1", "status": "open", "lat": "37,76", "long": "-122,45"},
            {"service_request_id": "2", "status": "open", "lat": 95, "long": 200},
            {"service_request_id": "3", "status": "open", "lat": "37.76", "long": "-122.45"},
        ],
    )
    conv = convert(src, "open311-json", community_id="c1")
    one, two, three = conv.records
    assert "location" not in one and "location" not in two  # was [-12245.0, 3776.0]
    assert (one["open311:lat"], one["open311:long"]) == ("37,76", "-122,45")  # kept
    assert three["location"]["geometry"]["coordinates"] == [-122.45, 37.76]
    bad = [i for i in conv.issues if i.code == "CV120"]
    assert [(i.entity, i.source) for i in bad] == [(0, "r.json#/0/lat"), (1, "r.json#/1/lat")]
    assert "decimal point" in bad[0].message("en") and "小数点" in bad[0].message("zh-CN")
    assert "-90 到 90" in bad[1].message("zh-CN")
