"""A list asked for a page past its last (a bookmark, a script counting up) answered ``"prev": 98``
for page 99 of 1: "‹ Previous" and a script following ``prev`` walked 97 empty pages back. Found by
the session-24 documenter's walk with curl on ``/api/v1/incidents?page=99``."""

from __future__ import annotations

import pytest

from tawthiq.web._query import Page

from .conftest import add_user


@pytest.mark.parametrize(("number", "size", "total"), [(99, 50, 13), (5, 5, 13), (4, 5, 13), (2, 10, 0)])
def test_prev_past_the_last_page_is_the_last_page(number, size, total):
    meta = Page(number, size).meta(total)
    assert meta["prev"] == min(number - 1, meta["pages"])
    assert meta["next"] is None


def test_prev_inside_the_list_is_the_page_before():
    assert Page(2, 5).meta(13)["prev"] == 1 and Page(3, 5).meta(13)["prev"] == 2
    assert Page(1, 5).meta(13)["prev"] is None


def test_the_api_past_the_last_page_points_back_to_a_page_with_incidents(make_client, built):
    from tawthiq.store import tokens

    add_user(built.ws, "pager-viewer", "viewer")
    with built.ws.session() as s:
        h = {"authorization": f"Bearer {tokens.create_token(s, 'pager-viewer', 'tests')}"}
    client = make_client()
    past = client.get("/api/v1/incidents", params={"page": 99, "page_size": 2}, headers=h).json()
    assert past["items"] == [] and past["total"] > 0
    back = client.get("/api/v1/incidents", params={"page": past["prev"], "page_size": 2}, headers=h).json()
    assert back["items"] and back["page"] == past["pages"]
