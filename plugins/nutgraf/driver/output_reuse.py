"""Pages and static files whose inputs did not change since the last build, taken from the last build's site.

A build writes its site into an empty staging folder (``atomic_output``). Rendering a thousand explainer pages
and their charts' embed pages again after one edit costs most of the edit's build, and gives the same bytes
for all but a few. So each page Pelican's writer is asked to write gets a key: a hash of what the page is
made from. When the previous site (still in place until the swap) holds that page, written under the same
key and untouched since (its size, modification time and inode as recorded), the page is hard-linked from it
into the staging folder (copied where the file system has no hard links) instead of being rendered. Nothing
is ever written into the previous site: a file of the staging folder is unlinked before it is written.

A page's key (``OutputPlan.page_key``) is conservative:

- ``site``: the code, the theme, the settings, the installed packages, the build's date, every content file
  that is neither a page's Markdown source nor a chart's data (images, altair modules, extra files), and,
  for every page of the site, everything other pages show of it (its *card*: title, summary, dates, topic,
  tags, address, language, status, teaser… every attribute but its body and the thumbnail a listing's entry
  shows). A retitled explainer, a new tag, a theme or template edit changes every page's key; a lead chart's
  new data (a new thumbnail) changes the keys of the pages that list or name its explainer.
- the template's name, the page's path and address, and each value the page is rendered with; a page
  (article, draft, translation) given to it counts with its *body*: its Markdown source, its HTML and the
  render keys of its charts (a chart's key covers its spec and data, ``charts.prepare``). The home page,
  the archive, a topic's and a tag's pages list their explainers, so they are rendered again when one of
  those is edited; the other explainers' pages, and other tags' pages, are not (``all_articles``, the whole
  site's list Pelican gives tag and topic pages as every page's context has it, counts by its cards).
  A listing's page (home, topic, tag: Pelican paginates them) is keyed on its own: the explainers it shows
  count with their bodies, the listing's whole list by reference (its members' cards are in the site key), the
  pages before and after it by their addresses (the pager links them). An explainer that moves onto page 2
  renders page 2 again; page 7, which shows the same explainers, is reused.

The assumption behind it: a page shows other pages' cards, never their bodies, unless they are given to
it. A value the key cannot say (an object of unknown kind) means the page is always rendered.

Files a template writes beside its page (the stylesheet bundle, an image's resized copies) depend on the
theme and static files only, which are part of every key: they are recorded (by an audit hook on ``open``
while a page renders) and linked from the previous site when the pages that wrote them were reused.

A static file (``STATIC_PATHS``) is linked from the previous site when its bytes and its place are those
of the last build; Pelican copies the others.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import shutil
import stat
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.contents import Content, Static
from pelican.paginator import Page, Paginator
from pelican.urlwrappers import URLWrapper
from pelican.writers import Writer

from nutgraf.kernel.sources import RealPaths

MANIFEST_VERSION = "3"
# Attributes of a content object that are its body (shown on its own page only) or the build's plumbing.
_NOT_CARD = frozenset({"_content", "explainer", "_context", "settings", "content"})
# Attributes of its card that only a listing's entry shows (the lead chart's thumbnail): they change with the lead
# chart's data, and listings are given the explainers they show with their bodies, so these count there, not in the
# site key every page's key holds. The previews a development build's home pages list (drafts, and pieces held back
# until due) are the lists a listing takes from the context instead: theirs stay in the site key.
_LISTING_MEDIA = frozenset({"lead_chart", "thumbnail", "thumbnail_alt", "thumbnail_width", "thumbnail_height"})
_PREVIEWS_IN_CONTEXT = ("drafts", "drafts_translations")


# Values a page is given that are the whole site's list, as every page's context has it (Pelican gives tag,
# topic and draft pages ``all_articles``, for navigation): their pages count by their cards, as in the context.
_BY_CARDS = frozenset({"all_articles"})


class UnsayableError(Exception):
    """A value whose hash would not say what it is: the page is rendered."""


class _Sayer:
    """Values as JSON text that says what a template could show of them; ``UnsayableError`` if that is not known.

    ``json.dumps`` walks the plain values (dicts, lists, strings, numbers) in C; ``_plain`` says the others.
    One per build: a tag's, topic's or author's address is worked out once by its name (the settings are
    the build's), not for each page that lists it.
    """

    def __init__(self) -> None:
        self._wrappers: dict[tuple[type, str], list[Any]] = {}
        self._references: dict[int, tuple[Content, list[str]]] = {}  # id → (the page, kept: its id is not reused)

    def __call__(self, value: Any) -> str:
        try:
            return json.dumps(value, default=self._plain, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        except (TypeError, ValueError, RecursionError) as error:  # keys of mixed kinds, a cycle
            raise UnsayableError(str(error)) from None

    def _plain(self, value: Any) -> Any:
        if isinstance(value, dt.datetime | dt.date | dt.time):
            return [type(value).__name__, value.isoformat(), str(getattr(value, "tzinfo", None))]
        if isinstance(value, dt.tzinfo):
            return ["tzinfo", str(value)]
        if isinstance(value, Content):  # another page: by reference, its card is part of the site key
            known = self._references.get(id(value))
            if known is None or known[0] is not value:  # Pelican works an address out anew each time it is asked
                path, url = str(getattr(value, "source_path", "")), str(getattr(value, "url", ""))
                known = self._references[id(value)] = (value, ["content", path, url])
            return known[1]
        if isinstance(value, URLWrapper):
            name = (type(value), str(value))
            said = self._wrappers.get(name)
            if said is None:
                said = self._wrappers[name] = [type(value).__name__, str(value), value.slug, value.url, value.save_as]
            return said
        if isinstance(value, set | frozenset):
            return ["set", sorted(self(item) for item in value)]
        output_key = getattr(value, "output_key", None)  # a value that says itself what it is made from
        if isinstance(output_key, str):
            return [type(value).__qualname__, output_key]
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            fields = [f.name for f in dataclasses.fields(value) if f.compare]
            return [type(value).__qualname__, [[name, getattr(value, name)] for name in fields]]
        raise UnsayableError(type(value).__qualname__)


def _is_page(item: Any) -> bool:
    return isinstance(item, Content) and not isinstance(item, Static)


def _hash(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()).hexdigest()


def _text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def card(item: Any, say: _Sayer) -> str:
    """What other pages may show of ``item``: all of it but its body and its listing media, as JSON text."""
    attributes = {name: value for name, value in vars(item).items() if name not in _NOT_CARD | _LISTING_MEDIA}
    shown = {name: getattr(item, name, None) for name in ("url", "save_as", "summary", "title", "lang")}
    return say([type(item).__name__, attributes, shown])


def listing_media(item: Any, say: _Sayer) -> str:
    """What a listing's entry shows of ``item`` beside its card (``_LISTING_MEDIA``), as JSON text."""
    return say(sorted((name, value) for name, value in vars(item).items() if name in _LISTING_MEDIA))


@dataclass(frozen=True)
class Recorded:
    """A file of the site as a build left it: the key it was written under and its stat when written."""

    key: str
    size: int
    mtime_ns: int
    inode: int

    @classmethod
    def of(cls, key: str, path: Path) -> Recorded:
        status = path.stat()
        return cls(key, status.st_size, status.st_mtime_ns, status.st_ino)

    def matches(self, path: Path) -> bool:
        """Whether ``path`` is, untouched, the file recorded (a regular file, not a link to elsewhere)."""
        try:
            status = path.lstat()
        except OSError:
            return False
        return stat.S_ISREG(status.st_mode) and (status.st_size, status.st_mtime_ns, status.st_ino) == (
            self.size,
            self.mtime_ns,
            self.inode,
        )


@dataclass
class Manifest:
    """What an output folder's last build wrote that a later build may reuse, kept in the cache folder."""

    output: str = ""
    site_key: str = ""
    files: dict[str, Recorded] = field(default_factory=dict)  # path in the site → how it was written
    byproducts: set[str] = field(default_factory=set)  # files templates wrote beside pages

    @staticmethod
    def path_for(cache_root: Path, output: Path) -> Path:
        name = hashlib.sha256(str(output.resolve()).encode()).hexdigest()[:16]
        return cache_root / "outputs" / f"{name}.json"

    @classmethod
    def load(cls, path: Path, output: Path) -> Manifest:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != MANIFEST_VERSION or data.get("output") != str(output.resolve()):
                return cls()
            files = {name: Recorded(*entry) for name, entry in data["files"].items()}
            return cls(data["output"], data["site_key"], files, set(data["byproducts"]))
        except (OSError, ValueError, KeyError, TypeError):
            return cls()  # no manifest, or a damaged one: nothing is reused

    def save(self, path: Path) -> None:
        data = {
            "version": MANIFEST_VERSION,
            "output": self.output,
            "site_key": self.site_key,
            "files": {name: [e.key, e.size, e.mtime_ns, e.inode] for name, e in sorted(self.files.items())},
            "byproducts": sorted(self.byproducts),
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        temporary.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        temporary.replace(path)
        for other in path.parent.glob("*.json"):  # outputs that are gone (tests' and checks' temporary sites)
            if other != path and not Path(Manifest.load_output(other)).is_dir():
                other.unlink(missing_ok=True)

    @staticmethod
    def load_output(path: Path) -> str:
        try:
            output = json.loads(path.read_text(encoding="utf-8")).get("output")
        except (OSError, ValueError, AttributeError):
            return ""
        return output if isinstance(output, str) else ""


def link_or_copy_from(previous: Path, staged: Path, folders: set[Path] | None = None) -> None:
    """``staged`` made the same file as ``previous``: a hard link where possible, else a copy. ``folders``:
    those known to exist already (a site's thousands of files share their folders' making)."""
    if folders is None or staged.parent not in folders:
        staged.parent.mkdir(parents=True, exist_ok=True)
        if folders is not None:
            folders.add(staged.parent)
    try:
        os.link(previous, staged)
    except OSError:
        shutil.copy2(previous, staged)  # keeps the modification time, as a link does


class _WriteRecorder:
    """Files opened for writing under ``root`` while ``active``: what a template writes beside its page."""

    def __init__(self) -> None:
        self.root: str | None = None
        self.paths: set[str] = set()

    def __call__(self, event: str, args: tuple[Any, ...]) -> None:
        if event != "open" or self.root is None or len(args) < 3:
            return
        path, mode, flags = args[0], args[1], args[2]
        if not isinstance(path, str | os.PathLike):
            return
        writes = any(c in mode for c in "wax+") if isinstance(mode, str) else bool(flags & (os.O_WRONLY | os.O_RDWR))
        if writes:
            absolute = os.path.abspath(os.fspath(path))  # noqa: PTH100 - a string, as cheap as can be: every open
            if absolute.startswith(self.root):
                self.paths.add(absolute[len(self.root) :].replace(os.sep, "/"))

    @contextmanager
    def recording(self, root: Path) -> Iterator[set[str]]:
        self.root, self.paths = str(root) + os.sep, set()
        try:
            yield self.paths
        finally:
            self.root = None


_RECORDER = _WriteRecorder()
sys.addaudithook(_RECORDER)  # once per process; it does nothing unless a page is being rendered


class OutputPlan:
    """One build's reuse of the previous site (``target``) in its staging folder (``staging``)."""

    def __init__(
        self,
        target: Path,
        staging: Path,
        previous: Manifest,
        input_files: dict[Path, bytes],
        code_key: str,
    ) -> None:
        self.target = target
        self.staging = staging
        self.previous = previous
        self.input_files = input_files
        self.code_key = code_key  # code, theme, settings, packages, the build's date
        self.manifest = Manifest(str(target.resolve()))
        self.reused = 0
        self.rendered = 0
        self._site_key: str | None = None
        self._context: dict[str, Any] | None = None
        self._settings: dict[str, Any] | None = None
        self._cards: dict[int, str] = {}
        self._bodies: dict[int, str] = {}
        self._lists: dict[int, tuple[Any, str]] = {}  # id → (the list, kept so that its id is not reused; its hash)
        self._library: Any = None
        self._real = RealPaths()  # the site key's thousands of files, in a few folders
        self._made_folders: set[Path] = set()
        self._say = _Sayer()

    # Keys ------------------------------------------------------------------------------------------------

    def _file_hash(self, path: str | Path) -> str:
        found = self.input_files.get(Path(path))
        if found is None:
            try:
                found = hashlib.sha256(Path(path).read_bytes()).digest()
            except OSError:
                found = b"unreadable"
        return found.hex()

    def _items(self, context: dict[str, Any]) -> list[Any]:
        """Every page of the site (articles, drafts, translations, pages…), once each, in a stable order."""
        found = {id(item): item for item in context.get("generated_content", {}).values() if _is_page(item)}
        for value in context.values():
            if isinstance(value, list):
                found.update((id(item), item) for item in value if _is_page(item))
        return sorted(found.values(), key=lambda item: (str(getattr(item, "source_path", "")), str(item.url)))

    def site_key(self, context: dict[str, Any]) -> str:
        """The key every page's key starts from (see the module's docstring); made once, as writing starts."""
        if self._site_key is None:
            items = self._items(context)
            own = {self._real(str(item.source_path)) for item in items if getattr(item, "source_path", None)}
            own |= self._chart_data()
            shared = sorted(
                (str(path), digest.hex()) for path, digest in self.input_files.items() if self._real(path) not in own
            )
            cards = [self.card(item) for item in items]
            previews = [
                [name, [[str(item.source_path), listing_media(item, self._say)] for item in context.get(name) or []]]
                for name in _PREVIEWS_IN_CONTEXT
            ]
            self._site_key = _hash([MANIFEST_VERSION, self.code_key, shared, cards, previews])
        return self._site_key

    def _chart_data(self) -> set[str]:
        """The data files of the build's charts: each chart's render key covers its data."""
        library = self._charts()
        if library is None or self._settings is None:
            return set()
        # By its place in content/, as the block names it (the path a remembered spec holds may be another copy's).
        content = Path(self._settings["PATH"])
        return {
            self._real(content / chart.download.url_path)
            for chart in library.charts.values()
            if chart.download is not None and chart.download.source is not None
        }

    def _charts(self) -> Any:
        if self._library is None and self._settings is not None:
            from nutgraf.kernel.context import context_for
            from nutgraf.plugins.charts.hooks import library_in

            self._library = library_in(context_for(self._settings))
        return self._library

    def card(self, item: Any) -> str:
        known = self._cards.get(id(item))
        if known is None:
            known = self._cards[id(item)] = _text_hash(card(item, self._say))
        return known

    def body(self, item: Any) -> str:
        """The hash of what ``item``'s own page shows: its card, its Markdown, its HTML, its charts' render keys."""
        known = self._bodies.get(id(item))
        if known is None:
            from nutgraf.plugins.charts.markdown_extension import PLACEHOLDER

            html = str(getattr(item, "_content", None) or "")
            library = self._charts()
            charts = [
                [key, library.prepared(key).key if library is not None else None] for key in PLACEHOLDER.findall(html)
            ]
            source = getattr(item, "source_path", None)
            media = listing_media(item, self._say)
            known = _hash(
                [self.card(item), media, self._file_hash(source) if source else None, _text_hash(html), charts]
            )
            self._bodies[id(item)] = known
        return known

    def listing(self, value: list[Any] | Paginator) -> str:
        """The hash of a paginated listing's whole list, or its paginator, by reference (its members' cards are in
        the site key): made once, though each of the listing's pages holds it."""
        known = self._lists.get(id(value))
        if known is None or known[0] is not value:
            shown = value
            if isinstance(value, Paginator):
                shown = ["paginator", value.name, value.url, value.per_page, value.orphans, value.object_list]
            known = self._lists[id(value)] = (value, _text_hash(self._say(shown)))
        return known[1]

    def _value(self, value: Any) -> Any:
        if isinstance(value, Content):
            return ["body", self.body(value)]
        if isinstance(value, Page):  # one page of a listing: the explainers it shows, with their bodies
            listing = self.listing(value.paginator)
            return ["page", value.number, value.url, value.save_as, listing, self._value(value.object_list)]
        if isinstance(value, Paginator):
            return ["paginator", self.listing(value)]
        if isinstance(value, list | tuple) and any(isinstance(item, Content) for item in value):
            return [self._value(item) for item in value]
        if isinstance(value, dict):
            return sorted(([str(key), self._value(item)] for key, item in value.items()), key=lambda pair: pair[0])
        return value  # said with the rest of the page's key, in one go (``page_key``)

    def page_key(
        self, name: str, template: Any, settings: dict[str, Any], context: dict[str, Any], values: dict[str, Any]
    ) -> str | None:
        """The key of a page Pelican's writer is asked to write, or None when it cannot be said."""
        if self._context is None:
            self._context, self._settings = context, settings
        if context is not self._context:  # a context of its own (period archives): not known what it holds
            return None
        # A paginated listing's whole lists (``articles`` beside ``articles_page``): shown by its pages, by reference.
        listed = {given.removesuffix("_paginator") for given in values if given.endswith("_paginator")}
        # The pages before and after this one: the pager links them, it does not show their explainers.
        neighbours = {f"{given}_{which}_page" for given in listed for which in ("previous", "next")}
        try:
            page = [[given, self._given(given, value, listed, neighbours)] for given, value in sorted(values.items())]
            return _text_hash(self._say([self.site_key(context), name, getattr(template, "name", None), page]))
        except UnsayableError:
            return None

    def _given(self, given: str, value: Any, listed: set[str], neighbours: set[str]) -> Any:
        if given in _BY_CARDS:
            return ["cards"]
        if given in listed:
            return self.listing(value)
        if given in neighbours:
            return None if value is None else ["neighbour", value.number, value.url]
        return self._value(value)

    # Reuse -----------------------------------------------------------------------------------------------

    def reuse(self, name: str, key: str) -> bool:
        """Link ``name`` from the previous site when it was written there under ``key`` and is untouched."""
        recorded = self.previous.files.get(name)
        previous, staged = self.target / name, self.staging / name
        if recorded is None or recorded.key != key or not recorded.matches(previous) or os.path.lexists(staged):
            return False
        link_or_copy_from(previous, staged, self._made_folders)
        self.manifest.files[name] = Recorded.of(key, staged)
        self.reused += 1
        return True

    def forget(self, name: str) -> None:
        self.manifest.files.pop(name, None)

    def wrote(self, name: str, key: str, byproducts: Iterable[str]) -> None:
        self.manifest.files[name] = Recorded.of(key, self.staging / name)
        self.manifest.byproducts.update(path for path in byproducts if path != name)
        self.rendered += 1

    def reuse_static(self, generator: Any) -> None:
        """``static_generator_finalized``: unchanged static files linked from the previous site; Pelican copies
        the rest (it is given only those)."""
        if os.path.realpath(generator.output_path) != os.path.realpath(self.staging):
            return
        remaining = []
        for static in generator.context.get("staticfiles", []):
            name = Path(static.save_as).as_posix()
            key = _hash(["static", self._file_hash(static.source_path), name])
            if self.reuse(name, key):
                continue
            remaining.append(static)
            self.manifest.files[name] = Recorded(key, -1, -1, -1)  # stat taken once Pelican has copied it
        generator.context["staticfiles"] = remaining

    def finish(self) -> None:
        """After Pelican's run: files templates wrote beside reused pages, and the stat of copied static files."""
        self.manifest.site_key = self._site_key or ""
        if self.reused and self._site_key is not None and self._site_key == self.previous.site_key:
            for name in self.previous.byproducts - self.manifest.byproducts:
                staged, previous = self.staging / name, self.target / name
                if not staged.exists() and previous.is_file():
                    link_or_copy_from(previous, staged)
                self.manifest.byproducts.add(name)
        for name, recorded in list(self.manifest.files.items()):
            if recorded.size == -1:
                staged = self.staging / name
                if staged.is_file():
                    self.manifest.files[name] = Recorded.of(recorded.key, staged)
                else:
                    del self.manifest.files[name]


class ReusingWriter(Writer):
    """Pelican's writer, linking a page from the previous site when its key says it is unchanged."""

    plan: OutputPlan  # set on the subclass made for each build (``writer_for``)

    def write_file(
        self,
        name: str,
        template: Any,
        context: dict[str, Any],
        relative_urls: bool = False,
        paginated: Any = None,
        template_name: str | None = None,
        override_output: bool = False,
        url: str | None = None,
        **kwargs: Any,
    ) -> None:
        if not name:
            return super().write_file(name, template, context, relative_urls, paginated, template_name)
        if paginated is None:  # as Pelican's write_file: the lists it paginates
            paginated = {given: value for given, value in kwargs.items() if given in {"articles", "dates"}}
        if paginated and template_name in self.settings["PAGINATED_TEMPLATES"]:
            for page_name, page_values in paginated_pages(name, url, paginated, template_name, self.settings):
                self.write_file(
                    page_name,
                    template,
                    context,
                    relative_urls,
                    {},
                    template_name,
                    override_output,
                    url,
                    **kwargs,
                    **page_values,
                )
            return None
        relative = Path(name).as_posix()
        path = os.path.join(self.output_path, name)  # noqa: PTH118 - as Pelican names it in _written_files
        key = None
        if override_output or path in self._written_files:
            self.plan.forget(relative)  # two pages, one file: which one it holds is Pelican's call each time
        else:
            values = dict(kwargs, relative_urls=relative_urls, template_name=template_name, url=url)
            values["paginated"] = paginated
            key = self.plan.page_key(relative, template, self.settings, context, values)
        if key is not None and self.plan.reuse(relative, key):
            self._written_files.add(path)
            return None
        with _RECORDER.recording(Path(self.output_path)) as written:
            super().write_file(
                name, template, context, relative_urls, paginated, template_name, override_output, url, **kwargs
            )
        if key is not None:
            self.plan.wrote(relative, key, written)
        return None

    def _open_w(self, filename: str, encoding: str, override: bool = False) -> Any:
        # Never write through a hard link into the previous site: a file is replaced, not rewritten.
        if os.path.lexists(filename) and (override or filename not in self._written_files):
            Path(filename).unlink()
        return super()._open_w(filename, encoding, override)


def paginated_pages(
    name: str, url: str | None, paginated: dict[str, list[Any]], template_name: str, settings: dict[str, Any]
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each page of a paginated listing, as Pelican's ``Writer.write_file`` makes them: its file, and the values its
    template is given (``articles_page``, ``articles_paginator``, ``articles_previous_page``…), so that each page
    can be keyed, and reused, on its own."""
    per_page = settings["PAGINATED_TEMPLATES"][template_name] or settings["DEFAULT_PAGINATION"]
    paginators = {given: Paginator(name, url, value, settings, per_page) for given, value in paginated.items()}
    for number in range(1, next(iter(paginators.values())).num_pages + 1):
        values: dict[str, Any] = {}
        for given, paginator in paginators.items():
            values[f"{given}_paginator"] = paginator
            values[f"{given}_page"] = page = paginator.page(number)
            values[f"{given}_previous_page"] = paginator.page(number - 1) if number > 1 else None
            values[f"{given}_next_page"] = paginator.page(number + 1) if number < paginator.num_pages else None
        yield page.save_as, values


@contextmanager
def reusing_output(pelican: Any, plan: OutputPlan) -> Iterator[OutputPlan]:
    """While ``pelican`` runs: its writer reuses unchanged pages, its static files are linked when unchanged."""
    writer = type("BuildWriter", (ReusingWriter,), {"plan": plan})

    def get_writer(sender: Any) -> type[Writer]:
        return writer

    signals.get_writer.connect(get_writer, sender=pelican)
    signals.static_generator_finalized.connect(plan.reuse_static)
    try:
        yield plan
    finally:
        signals.get_writer.disconnect(get_writer, sender=pelican)
        signals.static_generator_finalized.disconnect(plan.reuse_static)
    plan.finish()
