"""Plain Markdown images: relative to the explainer or under content/images/, copied, sized, lazy, with alt text
and a credit; a missing file, alt text or credit is an error at the image's line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from tests.plugins.explainers.helpers import VALID, errors, line_of
from tests.sitetools import soup
from tests.support import make_project, run_nutgraf

PATH = "content/explainers/a.md"


def png(width: int = 40, height: int = 30) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (20, 90, 160)).save(buffer, format="PNG")
    return buffer.getvalue()


def with_image(markdown: str) -> str:
    return VALID.replace("The second part.", f"The second part.\n\n{markdown}")


def check(tmp_path: Path, markdown: str, files: dict[str, bytes] | None = None) -> list[str]:
    for name, data in (files or {"content/images/rain.png": png()}).items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    return [str(d) for d in errors(tmp_path, with_image(markdown))]


@pytest.mark.parametrize(
    "markdown",
    [
        "![Rain over the delta](images/rain.png)\nCredit: Jane Doe / Delta Photo",
        "![Rain over the delta](/images/rain.png)\nCredit: Jane Doe",
        "![Rain over the delta]({static}/images/rain.png) Credit: Jane Doe",
    ],
)
def test_images_under_content_images_are_found(tmp_path: Path, markdown: str) -> None:
    assert check(tmp_path, markdown) == []


def test_an_image_beside_the_explainer_is_found(tmp_path: Path) -> None:
    files = {"content/explainers/pictures/rain.png": png()}
    assert check(tmp_path, "![Rain](pictures/rain.png)\nCredit: J. Doe", files) == []


@pytest.mark.parametrize(
    ("markdown", "message", "hint"),
    [
        (
            "![Rain](images/rian.png)\nCredit: J. Doe",
            "the image 'images/rian.png' does not exist (did you mean 'images/rain.png'?)",
            "put the file in content/images/",
        ),
        ("![](images/rain.png)\nCredit: J. Doe", "the image 'images/rain.png' has no alt text", "in the brackets"),
        ("![Rain](images/rain.png)", "the image 'images/rain.png' has no credit", "add a line 'Credit: who made it'"),
        (
            "![Rain](https://example.org/rain.png)\nCredit: J. Doe",
            "<img> would load https://example.org/rain.png from another origin",
            "content/images/",
        ),
        (
            "![Rain](../../../etc/hostname)\nCredit: J. Doe",
            "the image '../../../etc/hostname' does not exist",
            "content/images/",
        ),
    ],
)
def test_each_image_problem_is_one_error_at_its_line(tmp_path: Path, markdown: str, message: str, hint: str) -> None:
    found = check(tmp_path, markdown)
    line = line_of(with_image(markdown), "![")
    assert len(found) == 1 and found[0].startswith(f"{PATH}:{line}: {message}") and hint in found[0], found


def test_a_file_that_is_not_an_image_is_refused(tmp_path: Path) -> None:
    found = check(tmp_path, "![Rain](images/rain.png)\nCredit: J. Doe", {"content/images/rain.png": b"not a png"})
    assert len(found) == 1 and "'images/rain.png' is not an image" in found[0]


def test_a_built_page_copies_the_image_with_its_size_and_lazy_loading(tmp_path: Path) -> None:
    text = with_image("![Rain over the delta](images/rain.png)\nCredit: Jane Doe / Delta Photo")
    text = text.replace("The third part.", "The third part.\n\n![A map](map.png)\nCredit: Our graphics desk")
    root = make_project(
        tmp_path / "site",
        {
            "content/explainers/a.md": text,
            "content/images/rain.png": png(40, 30),
            "content/explainers/map.png": png(8, 6),
        },
    )
    result = run_nutgraf("build", cwd=root)
    assert result.returncode == 0, result.stderr
    page = soup(root / "output" / "explainers" / "a" / "index.html")
    images = {img["alt"]: img for img in page.select("article img")}
    rain, map_ = images["Rain over the delta"], images["A map"]
    assert (rain["src"], rain["width"], rain["height"], rain["loading"]) == ("/images/rain.png", "40", "30", "lazy")
    assert (map_["width"], map_["height"]) == ("8", "6")
    assert not rain.has_attr("data-nutgraf-image")
    assert (root / "output" / "images" / "rain.png").read_bytes() == (
        root / "content" / "images" / "rain.png"
    ).read_bytes()
    assert (root / "output" / map_["src"].lstrip("/")).is_file()
    assert "Credit: Jane Doe / Delta Photo" in page.get_text()


def test_a_wide_image_gets_narrower_copies_for_phones_and_the_column(tmp_path: Path) -> None:
    text = with_image("![A wide photo](images/wide.png)\nCredit: Jane Doe")
    root = make_project(tmp_path / "site", {"content/explainers/a.md": text, "content/images/wide.png": png(1200, 900)})
    result = run_nutgraf("build", cwd=root)
    assert result.returncode == 0, result.stderr
    image = soup(root / "output" / "explainers" / "a" / "index.html").select_one("article img")
    assert (image["width"], image["height"]) == ("1200", "900")
    assert image["srcset"] == (
        "/sized/images/wide-480w.png 480w, /sized/images/wide-960w.png 960w, /images/wide.png 1200w"
    )
    assert "40rem" in image["sizes"]
    for width in (480, 960):
        with Image.open(root / "output" / "sized" / "images" / f"wide-{width}w.png") as copy:
            assert copy.size == (width, width * 3 // 4)
