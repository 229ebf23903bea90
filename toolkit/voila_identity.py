"""Voilà's identity provider for the workshop: it also hands each page its XSRF cookie.

When a tab closes or reloads, Voilà's front end says goodbye with a beacon
(``POST /voila/api/shutdown/<kernel>``) carrying the ``_xsrf`` value it reads from the
page's cookie. Voilà's page handler never asks tornado for that token, so the cookie is
never set, the form field is empty and jupyter_server refuses the request
(``403 '_xsrf' argument missing from POST``, voila-dashboards/voila#1458): every reload
left a kernel of ~150 MB running. Tornado sets the cookie the first time a handler reads
``xsrf_token``; :class:`PageIdentityProvider` reads it for every page (GET) it
identifies, so the beacon is accepted and the kernel stops at once. XSRF checks stay on:
the beacon is only accepted because it carries the page's own token.

It is Voilà's configured ``Voila.identity_provider_class`` (``toolkit.serve.voila_config``):
jupyter_server's public extension point for identifying requests; nothing is patched.
Participants are told apart by their link's token (``toolkit.access``), not here.
"""
from __future__ import annotations

from typing import Any

from jupyter_core.utils import ensure_async
from jupyter_server.auth.identity import PasswordIdentityProvider, User
from tornado import web

#: The page handlers: Voilà's render of a notebook (``/voila/render/<page>.ipynb``).
PAGE_PREFIX = "/voila/render/"


class PageIdentityProvider(PasswordIdentityProvider):
    """Voilà's default identity provider, which also sets the page's ``_xsrf`` cookie."""

    async def get_user(self, handler: web.RequestHandler) -> User | None:  # type: ignore[override]
        user = await ensure_async(super().get_user(handler))
        if user is not None and handler.request.method == "GET" and PAGE_PREFIX in handler.request.path:
            # tornado's token asks for the request's user: the one just identified (the
            # handler sets the same right after this call).
            handler.current_user = user
            handler.xsrf_token  # noqa: B018 - reading it makes tornado set the cookie
        return user


def cookie_names(headers: Any) -> list[str]:
    """The cookie names set by an HTTP response's ``Set-Cookie`` headers (for tests and checks).

    >>> cookie_names([("Set-Cookie", "_xsrf=2|ab|cd|1; Path=/"), ("Content-Type", "text/html")])
    ['_xsrf']
    """
    return [value.split("=", 1)[0].strip() for name, value in headers if name.lower() == "set-cookie"]
