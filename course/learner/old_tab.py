"""A browser tab of an earlier ``ouders-zien start`` hears, in Dutch, why it can no longer save.

Each start has a fresh cookie secret (course/learner/start.py, fresh_cookie_secret), so a tab left open from the day
before is logged out of the new server: it can no longer save its layout into the fresh workspace, nor a notebook
over the new tab's work. jupyter_server refuses its API requests with a bare 403, and JupyterLab shows that as
"Fout bij opslaan van bestand …: Forbidden". This identity provider (jupyter_server 2.x ``IdentityProvider``, set
with ``ServerApp.identity_provider_class``) gives that refusal a Dutch reason that says what to do. It changes
nothing else: a request that logs in (token or cookie) gets its user, a handler that allows unauthenticated access
(the login page, /api) is left alone, and a refused request is refused as before, only with words.

A cookie belongs to the browser, not to a tab: once the new start's tab is open in the same browser, the old tab's
requests carry the new, valid cookie (thirteenth walk: the old tab then saved its old copy over the lesson). What
tells the tabs apart is the token: JupyterLab puts the server's token in the page config (jupyterlab/labapp.py,
``page_config["token"] = self.serverapp.identity_provider.token``) and sends it with every request
(@jupyterlab/services ServerConnection.makeRequest: ``Authorization: token …``), and each start has a new token
(start.py). jupyter_server falls back to the cookie when a token is wrong (IdentityProvider.get_user: "prefer token to
cookie"); here an API request with another start's token is refused, whatever its cookie. A page is left alone: a
reload of the old tab loads the lessons fresh from disk, with the new token.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable

from jupyter_server.auth.identity import IdentityProvider, User
from jupyter_server.base.handlers import APIHandler
from jupyter_server.services.kernels.handlers import KernelHandler
from tornado import web

OLD_TAB = (
    "Dit tabblad hoort bij een vorige start van de cursus. Hier opslaan lukt niet meer. Kopieer wat je nog wilt "
    "bewaren, sluit dit tabblad en ga verder in het tabblad dat bij de nieuwe start openging."
)


class OldTabIdentity(IdentityProvider):
    """The default identity provider; an API request that is not logged in, or that comes from a tab of an earlier
    start (its token), is refused with a Dutch reason."""

    async def get_user(self, handler: web.RequestHandler) -> User | None:
        user = super().get_user(handler)
        if isinstance(user, Awaitable):
            user = await user
        if isinstance(handler, APIHandler) and not _open_to_all(handler):
            if user is None or self._another_starts_token(handler):
                raise web.HTTPError(_status(handler), OLD_TAB)
        return user

    def _another_starts_token(self, handler: web.RequestHandler) -> bool:
        """Whether the request carries a token that is not this server's: the page it came from was served by an
        earlier start."""
        presented = self.get_token(handler)
        return bool(presented and self.token) and not hmac.compare_digest(str(presented), str(self.token))


def _status(handler: web.RequestHandler) -> int:
    """403 (refused), except for a kernel's model, which JupyterLab asks for when a kernel's connection closes: on any
    answer but a network error, 503 or 424 it declares the kernel dead and shows its English, hard-coded "Error
    Starting Kernel / Kernel died unexpectedly" dialog, once per open lesson (thirteenth walk: five of them;
    @jupyterlab/services KernelConnection's socket onclose: ``getModel``, then ``this._reason = "Kernel died
    unexpectedly"``, read in the installed jlab_core bundle). With 424 (not 503: jupyter_server logs a 5xx answer as an English error in the learner's console window,
    fourteenth walk) it asks again every 10 to 30 seconds, and the
    lesson shows the course's "Geen verbinding" notice (its kernel indicator says 'connecting')."""
    if isinstance(handler, KernelHandler) and handler.request.method == "GET":
        return 424
    return 403


def _open_to_all(handler: web.RequestHandler) -> bool:
    """Whether the handler's method for this request allows unauthenticated access (jupyter_server's
    ``allow_unauthenticated`` decorator, read as JupyterHandler.prepare reads it)."""
    method = getattr(handler, (handler.request.method or "").lower(), None)
    return bool(getattr(method, "__allow_unauthenticated", False))
