"""Voilà as the workshop serves it: no directory listing, and phones keep Voilà's scripts.

``maillage servir`` runs ``python -m toolkit.voila_app`` instead of ``python -m voila``:
the same application and configuration (``voila.json``, the ``Voila`` and
``VoilaConfiguration`` sections), with two changes Voilà has no setting for:

- **no directory listing**: Voilà serving a folder lists its notebooks at ``/`` and
  ``/voila/tree`` (a JupyterLab page loading a stylesheet from a CDN) and through
  ``/voila/api/contents``; participants come in through their link only, so those routes
  are not served (``MaillageVoila.directory_listing``, off);
- **scripts compressed once**: with ``compress_response`` tornado gzips each file again for
  every phone, in the server's one thread (0.6 s of CPU for a fresh phone's 5 MB, 20 s for
  a room of 30 arriving together): static files are compressed on first request and kept
  in memory (:class:`PrecompressedMixin`, about 2 MB for all of them);
- **errors in French**: a URL no handler matches got tornado's English « 404: Not Found »,
  and Voilà's static file handlers their English « 403: Forbidden »; every error page is
  the workshop's French one (``error.html`` of the maillage template, no remote stylesheet):
  :class:`NotFoundHandler` is tornado's ``default_handler_class``, and
  :class:`FrenchErrorsMixin` gives the static and labextension handlers the same page;
- **cached scripts**: Voilà's own front end (``/voila/static/``, 3.5 MB of the 5 MB a phone
  downloads) is sent without any cache header, so every reload asks for each file again;
  it is sent with ``Cache-Control: max-age`` (``MaillageVoila.asset_max_age``). Its chunk
  names carry no content hash, hence a bounded age rather than ``immutable``; the
  labextensions (hashed names) are made immutable by the ``static_immutable_cache``
  setting of jupyter_server (``serve.voila_config``).

Compression is tornado's ``compress_response`` setting (``serve.voila_config``), handed to
the application when it is built (Voilà applies its ``tornado_settings`` too late for it).
"""
from __future__ import annotations

import datetime as dt
import gzip
import os
from typing import Any, Iterable

from jinja2 import TemplateNotFound
from jupyter_server.base.handlers import FileFindHandler, Template404
from jupyter_server.utils import url_path_join
from tornado.web import GZipContentEncoding
from traitlets import Bool, Int
from voila.app import Voila
from voila.request_info_handler import RequestInfoSocketHandler
from voila.static_file_handler import AllowListFileHandler, MultiStaticFileHandler, TemplateStaticFileHandler
from voila.tornado.contentshandler import VoilaContentsHandler
from voila.tornado.treehandler import TornadoVoilaTreeHandler

from .paced_kernels import RequestSocketHandler
from .serve import ASSET_MAX_AGE_SECONDS

_LISTING = (TornadoVoilaTreeHandler, VoilaContentsHandler)


#: absolute path -> (modification time, gzipped content), filled as files are asked for.
_COMPRESSED: dict[str, tuple[float, bytes]] = {}


class PrecompressedMixin:
    """For tornado static file handlers: the gzipped file, made once and kept in memory,
    to a client that accepts gzip (whole files; a ``Range`` request gets the plain file).
    The ``Content-Encoding`` it sets keeps tornado's transform from compressing it again."""

    _gzipped: bytes | None = None

    def _compressed(self) -> bytes | None:
        request, path = self.request, self.absolute_path  # type: ignore[attr-defined]
        if (path is None or "gzip" not in request.headers.get("Accept-Encoding", "")
                or request.headers.get("Range")):
            return None
        ctype = self.get_content_type()  # type: ignore[attr-defined]
        if not (ctype.startswith("text/") or ctype.split(";")[0] in GZipContentEncoding.CONTENT_TYPES):
            return None
        mtime = os.path.getmtime(path)
        found = _COMPRESSED.get(path)
        if found is None or found[0] != mtime:
            with open(path, "rb") as f:
                found = (mtime, gzip.compress(f.read(), compresslevel=6, mtime=0))
            _COMPRESSED[path] = found
        return found[1]

    def set_extra_headers(self, path: str) -> None:
        super().set_extra_headers(path)  # type: ignore[misc]
        self._gzipped = self._compressed()
        if self._gzipped is not None:
            self.set_header("Content-Encoding", "gzip")  # type: ignore[attr-defined]

    def get_content_size(self) -> int:
        return len(self._gzipped) if self._gzipped is not None else super().get_content_size()  # type: ignore[misc]

    def get_content(self, abspath: str, start: int | None = None, end: int | None = None  # type: ignore[override]
                    ) -> bytes | Iterable[bytes]:
        if self._gzipped is not None:
            return self._gzipped[start:end]
        return super().get_content(abspath, start, end)  # type: ignore[misc]


def error_page(settings: dict[str, Any], status_code: int) -> str:
    """The French page of an HTTP error: ``404.html``, else ``error.html``, of the maillage
    template, found as Voilà's own pages find it (Voilà's template environment; the server's
    other one holds jupyter_server's English pages)."""
    env = settings.get("voila_jinja2_env") or settings["jinja2_env"]
    try:
        template = env.get_template(f"{status_code}.html")
    except TemplateNotFound:
        template = env.get_template("error.html")
    return template.render(status_code=status_code, status_message="", message="", exception=None)


class FrenchErrorsMixin:
    """For tornado handlers that are not jupyter_server's (Voilà's static files): the error
    page is the workshop's French one instead of tornado's English line."""

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.set_header("Content-Type", "text/html; charset=UTF-8")  # type: ignore[attr-defined]
        self.finish(error_page(self.settings, status_code))  # type: ignore[attr-defined]


class NotFoundHandler(FrenchErrorsMixin, Template404):
    """What a URL no handler matches gets: the French « Page introuvable » (tornado's
    ``default_handler_class``: jupyter_server's 404 handler, with the French page)."""


class CompressedFileFindHandler(FrenchErrorsMixin, PrecompressedMixin, FileFindHandler):
    """The labextensions' files (jupyter_server's handler), compressed once; a missing one gets
    the French page (jupyter_server's own error page needs settings Voilà does not have: it
    came out empty)."""


class CompressedTemplateStaticFileHandler(FrenchErrorsMixin, PrecompressedMixin, TemplateStaticFileHandler):
    """The template's static files, compressed once."""


class CachedStaticFileHandler(FrenchErrorsMixin, PrecompressedMixin, MultiStaticFileHandler):
    """Voilà's static files, compressed once, with a ``max-age`` (the ``maillage_asset_max_age``
    setting)."""

    def get_cache_time(self, path: str, modified: dt.datetime | None, mime_type: str) -> int:
        return super().get_cache_time(path, modified, mime_type) or int(
            self.settings.get("maillage_asset_max_age", ASSET_MAX_AGE_SECONDS))


class MaillageVoila(Voila):
    """Voilà without its directory listing, with cached static files (see the module)."""

    directory_listing = Bool(False, config=True,
                             help="Serve the notebooks' listing (/, /voila/tree, /voila/api/contents).")
    asset_max_age = Int(ASSET_MAX_AGE_SECONDS, config=True,
                        help="Seconds a browser keeps Voilà's static files (/voila/static) without asking again.")

    def init_settings(self) -> dict[str, Any]:
        settings = super().init_settings()
        # Voilà applies ``tornado_settings`` once the application is built: too late for
        # ``compress_response``, which tornado reads when building it. Given here, they are.
        # The immutable prefixes are written from the root: behind the hub, under its prefix
        # (in the trait itself, which Voilà applies again once the application is built).
        root = settings.get("server_url") or "/"
        self.tornado_settings = {**self.tornado_settings, "static_immutable_cache": [
            url_path_join(root, path) for path in self.tornado_settings.get("static_immutable_cache", [])]}
        settings.update(self.tornado_settings)
        settings["maillage_asset_max_age"] = self.asset_max_age
        settings["default_handler_class"] = NotFoundHandler  # unmatched URLs: the French 404
        return settings

    def init_handlers(self) -> list:
        kept = []
        for handler in super().init_handlers():
            cls = handler[1] if len(handler) > 1 else None
            if not self.directory_listing and cls in _LISTING:
                continue
            if cls in _REPLACED:
                handler = (handler[0], _REPLACED[cls], *handler[2:])
            kept.append(handler)
        return kept


class FrenchAllowListFileHandler(FrenchErrorsMixin, AllowListFileHandler):
    """The notebooks' folder files Voilà allows (``/voila/files/``), refusals in French."""


_REPLACED = {MultiStaticFileHandler: CachedStaticFileHandler, FileFindHandler: CompressedFileFindHandler,
             TemplateStaticFileHandler: CompressedTemplateStaticFileHandler,
             AllowListFileHandler: FrenchAllowListFileHandler,
             RequestInfoSocketHandler: RequestSocketHandler}  # tells the kernel manager a page is warm

main = MaillageVoila.launch_instance

if __name__ == "__main__":
    main()
