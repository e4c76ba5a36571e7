"""A tab of an earlier `ouders-zien start` is refused with a Dutch reason (course/learner/old_tab.py); everything else
is authenticated exactly as by jupyter_server's own identity provider. Driven through tornado handlers, no browser
(the browser test: tests/browser/test_browser_werkplek.py)."""

from __future__ import annotations

import asyncio
from unittest import mock

import pytest
from jupyter_server.auth.identity import IdentityProvider, User
from jupyter_server.base.handlers import APIVersionHandler, JupyterHandler
from jupyter_server.services.contents.handlers import ContentsHandler
from tornado import web

from course.learner.old_tab import OLD_TAB, OldTabIdentity


def _handler(cls, method="PUT"):
    """A stand-in for a request to ``cls`` with ``method``: the handler's real method (which carries jupyter_server's
    allow_unauthenticated mark, or not)."""
    handler = mock.Mock(spec=cls)
    handler.request = mock.Mock(method=method, headers={})  # no token (see _with_token)
    handler.get_argument = lambda name, default=None: default
    setattr(handler, method.lower(), getattr(cls, method.lower()))
    return handler


def _user(provider, handler, user):
    with mock.patch.object(IdentityProvider, "get_user", return_value=user):
        return asyncio.run(provider.get_user(handler))


def test_an_api_request_that_is_not_logged_in_hears_why_in_dutch():
    provider = OldTabIdentity()
    with pytest.raises(web.HTTPError) as refused:
        _user(provider, _handler(ContentsHandler), None)
    assert refused.value.status_code == 403 and refused.value.log_message == OLD_TAB


def test_a_logged_in_request_and_pages_and_open_api_routes_are_left_as_they_were():
    provider = OldTabIdentity()
    someone = User(username="leerling")
    assert _user(provider, _handler(ContentsHandler), someone) is someone
    assert _user(provider, _handler(JupyterHandler, "GET"), None) is None  # a page: jupyter_server sends it to login
    assert _user(provider, _handler(APIVersionHandler, "GET"), None) is None  # /api is open to all


def test_the_reason_is_plain_dutch_text_that_says_what_to_do():
    assert "<" not in OLD_TAB and "Forbidden" not in OLD_TAB
    assert "sluit dit tabblad" in OLD_TAB and "Kopieer" in OLD_TAB


def _with_token(handler, token):
    """The request as JupyterLab sends it: the token of the page's start in its Authorization header."""
    handler.request.headers = {"Authorization": f"token {token}"} if token else {}
    return handler


def test_a_tab_of_an_earlier_start_is_refused_even_once_the_browser_holds_the_new_starts_cookie():
    """Thirteenth walk (high): once the new start's tab was open in the same browser, the browser's cookie was the new
    start's, and the old tab saved again, over the lesson (autosave and Ctrl+S, no dialog). A cookie belongs to the
    browser, not to a tab; the tab's start is in the token JupyterLab sends with every request (its page config). A
    request with another start's token is refused, whatever the cookie; a page is left alone (a reload loads the
    lesson fresh from disk, with the new token)."""
    provider = OldTabIdentity(token="nieuw")
    someone = User(username="leerling")  # what the cookie says
    with pytest.raises(web.HTTPError) as refused:
        _user(provider, _with_token(_handler(ContentsHandler), "oud"), someone)
    assert refused.value.status_code == 403 and refused.value.log_message == OLD_TAB
    assert _user(provider, _with_token(_handler(ContentsHandler), "nieuw"), someone) is someone
    assert _user(provider, _with_token(_handler(ContentsHandler), ""), someone) is someone
    assert _user(provider, _with_token(_handler(JupyterHandler, "GET"), "oud"), someone) is someone


def test_a_kernels_model_is_refused_as_for_now_so_jupyterlab_asks_again_instead_of_declaring_it_dead():
    """Thirteenth walk (mid): an old tab showed JupyterLab's English "Error Starting Kernel / Kernel died unexpectedly"
    once per open lesson. JupyterLab declares a kernel dead on any answer to its model but 503 or 424 (and a network
    error); 424 makes it ask again later (503 did too, but a 5xx is logged in the console window). Only that request:
    every other refusal stays 403."""
    from jupyter_server.services.kernels.handlers import KernelHandler

    provider = OldTabIdentity(token="nieuw")
    for cls, method, status in (
        (KernelHandler, "GET", 424),
        (KernelHandler, "DELETE", 403),
        (ContentsHandler, "GET", 403),
    ):
        with pytest.raises(web.HTTPError) as refused:
            _user(provider, _with_token(_handler(cls, method), "oud"), User(username="leerling"))
        assert refused.value.status_code == status and refused.value.log_message == OLD_TAB, (cls, method)
