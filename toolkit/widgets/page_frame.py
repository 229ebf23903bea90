"""The frame of every page: its styles (phone first, inline), its title and text, and
:func:`close_all` for widgets built ahead of a visitor who was then refused."""
from __future__ import annotations

import html
from typing import Iterable

import ipywidgets as widgets

from . import look

#: Styles for every page, phone first: text at 16 px at least (16 px inputs also avoid the
#: zoom on focus), touch targets 44 px high, nothing wider than the screen (long choices
#: wrap, buttons wrap their text, widgets lose their side margins), status colours.
#: Inline: nothing is fetched.
PAGE_CSS = """<style>
.maillage-page { max-width: 46rem; margin: 0 auto; font-size: 16px; line-height: 1.45;
  --jp-widgets-margin: 2px 0; --jp-widgets-font-size: 16px; overflow-wrap: anywhere; }
/* at least 16 px, and never smaller than around it (a larger text, e.g. on the board, stays larger) */
.maillage-page *:not(h1, h2, h3, h4) { font-size: max(16px, 1em) !important; }
/* wide screens (the board on a projector): a table's columns take whole words, never 'Personn-e' */
@media (min-width: 600px) { .maillage-page th, .maillage-page td { overflow-wrap: break-word; } }
.maillage-page h2 { font-size: 24px; } .maillage-page h3 { font-size: 20px; } .maillage-page h4 { font-size: 18px; }
.maillage-page .jupyter-widgets { max-width: 100%; min-width: 0; box-sizing: border-box; }
.maillage-page .widget-label { min-width: 0 !important; }
.maillage-page .widget-html-content, .maillage-page .widget-label { line-height: 1.45; }
.maillage-page .widget-inline-hbox { height: auto; min-height: 44px; }
.maillage-page input, .maillage-page textarea, .maillage-page select, .maillage-page button { font-family: inherit; }
.maillage-page input, .maillage-page select, .maillage-page textarea { min-height: 44px; max-width: 100%; min-width: 0; }
.maillage-page select { width: 100%; text-overflow: ellipsis; }
.maillage-page .jupyter-button, .maillage-page .widget-toggle-button {
  min-height: 44px; height: auto; white-space: normal; line-height: 1.3; padding: .35em .6em; }
.maillage-page .widget-checkbox, .maillage-page .widget-checkbox label { min-height: 44px; align-items: center; }
.maillage-page .widget-checkbox input { width: 24px; height: 24px; min-height: 24px; }
.maillage-page .maillage-field { width: 100%; flex-wrap: wrap; }
.maillage-page .maillage-field .widget-label { width: 100% !important; white-space: normal; text-align: left;
  height: auto; line-height: 1.35; margin-bottom: .15em; }
/* labels above their inputs on a phone: the row grows to hold both instead of overlapping */
.maillage-page .maillage-field.widget-dropdown, .maillage-page .maillage-field.widget-text,
.maillage-page .maillage-field.widget-textarea, .maillage-page .maillage-field.widget-toggle-buttons,
.maillage-page .maillage-field.widget-select-multiple { height: auto !important; margin-bottom: .35em; }
.maillage-page .maillage-field > select, .maillage-page .maillage-field > input,
.maillage-page .maillage-field > textarea { flex: 1 1 100%; width: 100%; }
/* a scale: one button per point, all in one row, one tap per answer */
.maillage-page .maillage-scale > div { display: flex; width: 100%; gap: 4px; }
.maillage-page .maillage-scale .widget-toggle-button { flex: 1 1 0; min-width: 44px; width: auto !important;
  margin: 0; font-weight: 600; }
.maillage-page .maillage-scale .widget-toggle-button.mod-active { background: #1b5e8c; color: #fff; }
/* a search over a long list: the matching choices as buttons, whole and wrapped, left-aligned */
.maillage-page .maillage-choice-search-result { text-align: left; justify-content: flex-start; }
.maillage-page .maillage-hidden { display: none !important; }
.maillage-status { min-height: 1.5em; font-weight: 600; }
.maillage-ok { color: #176b2c; }
.maillage-error { color: #b00020; }
.maillage-busy { color: #555; }
.maillage-page table { border-collapse: collapse; width: 100%; }
.maillage-page th, .maillage-page td { border-bottom: 1px solid #ddd; padding: .25em .5em; text-align: left;
  vertical-align: top; }
.maillage-refus { max-width: 40rem; margin: 2em auto; padding: 1em 1.2em; border: 2px solid #b00020;
  border-radius: 6px; font-size: 18px; }
</style>"""


class PageFrame(widgets.VBox):
    """A page: the styles, title and text in one block (fewer models for the browser to
    load), then its content. A preheated page builds it before its visitor comes."""

    def __init__(self) -> None:
        self.head = look.html(PAGE_CSS)
        super().__init__([self.head], layout=look.layout())
        self.add_class("maillage-page")

    def __repr__(self) -> str:
        # The page's text form, sent with it on display: ipywidgets' walks every widget
        # of the page (its CSS, the visitor's name, ...) for a text nobody reads.
        return "PageFrame()"

    def fill(self, children: Iterable[widgets.Widget], title: str | None = None, intro: str | None = None) -> None:
        self.head.value = PAGE_CSS + (f"<h2>{html.escape(title)}</h2>" if title else "") + (
            f"<p>{html.escape(intro)}</p>" if intro else "")
        self.children = (self.head, *children)


def close_all(*roots: widgets.Widget) -> None:
    """Close widgets and every widget they hold (built ahead for a visitor who was then
    refused: the browser must not be able to read them). Shared looks stay."""
    for root in roots:
        close_all(*getattr(root, "children", ()))
        for look_of in (getattr(root, "layout", None), getattr(root, "style", None)):
            if isinstance(look_of, widgets.Widget) and not look.is_shared(look_of):
                look_of.close()
        root.close()
