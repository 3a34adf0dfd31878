"""The course website, built from the smoke run and read in headless Chromium as a student would read it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import site_check

from olmo_id import cli, config, runner, website
from olmo_id.errors import OutputError, SourceError

SCREENSHOTS = config.REPO_ROOT / "runs" / "site-screenshots"  # for a person to look at after `make test`
LESSONS = [lesson.stem for lesson in runner.notebooks(runner.NOTEBOOKS_DIR)]


REFERENCES = config.REPO_ROOT / "tests" / "references"  # the smoke course, executed by `make references`


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the suite's smoke run: the executed lessons nbval checks (tests/references)."""
    return website.build(REFERENCES, tmp_path_factory.mktemp("site") / "html").parent


@pytest.fixture(scope="module")
def visits(site: Path) -> list[site_check.Visit]:
    """Every page of the site, opened in Chromium."""
    with site_check.served(site) as base, site_check.browser() as chrome:
        return site_check.visit_all(site, base, chrome)


def test_the_site_has_a_home_page_and_a_page_per_lesson_with_a_figure(site: Path) -> None:
    assert (site / "index.html").is_file()
    for lesson in LESSONS:
        page = (site / "lessons" / f"{lesson}.html").read_text(encoding="utf-8")
        assert re.search(r'<img[^>]+src="[^"]*_images/[^"]+\.png"', page), f"{lesson} shows no figure"
        assert "profil <strong>smoke</strong>" in page, f"{lesson} does not say which run made its outputs"
        assert f"{lesson}.ipynb" in page and "download" in page.lower()
    for solution in config.REPO_ROOT.joinpath("solutions").glob("*_solusi.ipynb"):
        assert (site / "solutions" / f"{solution.stem}.html").is_file()
    assert (site / "pengajar.html").is_file() and (site / "angka.html").is_file()


def test_every_page_loads_without_console_errors_broken_images_or_dead_links(visits) -> None:
    assert len(visits) >= 1 + len(LESSONS) + len(LESSONS) + 2
    assert site_check.problems(visits) == []


def test_the_colab_badges_open_the_colab_variants(visits) -> None:
    for visit in visits:
        if visit.page.startswith("lessons/"):
            lesson = Path(visit.page).stem
            assert visit.colab_links == [f"{site_check.COLAB}olmo-id/olmo-id/blob/main/colab/{lesson}.ipynb"]
    home = next(visit for visit in visits if visit.page == "index.html")
    assert len(home.colab_links) == len(LESSONS) and all("/colab/" in link for link in home.colab_links)


def test_the_search_box_finds_lora_and_screenshots_are_written(site: Path) -> None:
    with site_check.served(site) as base, site_check.browser() as chrome:
        found = site_check.search(base, chrome, "LoRA")
        shots = [site_check.screenshot(base, chrome, page, SCREENSHOTS / name) for page, name in
                 (("index.html", "home.png"), ("lessons/03_lora_training.html", "03_lora_training.png"))]
    assert any("LoRA" in title for title in found), found
    assert all(shot.stat().st_size > 10_000 for shot in shots)


def test_a_broken_image_and_a_dead_link_are_caught(site: Path, tmp_path: Path) -> None:
    broken = shutil.copytree(site, tmp_path / "broken")
    page = broken / "lessons" / "03_lora_training.html"
    image = next(iter(sorted((broken / "_images").glob("*.png"))))
    image.write_bytes(b"not a picture")
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", '<a href="hilang.html">x</a></article>'),
                    encoding="utf-8")
    with site_check.served(broken) as base, site_check.browser() as chrome:
        found = site_check.problems(site_check.visit_all(broken, base, chrome))
    assert any("image did not load: " in line and image.name in line for line in found), found
    assert any("dead link" in line and "hilang.html" in line for line in found), found


def test_a_folder_that_is_not_a_course_run_is_refused_in_one_line(tmp_path: Path, capsys) -> None:
    assert cli.main(["site", "--run", str(tmp_path), "--out", str(tmp_path / "html")]) == 2
    assert "bukan folder run kursus yang lengkap" in capsys.readouterr().err
    assert not (tmp_path / "html").exists()


def test_an_existing_folder_that_is_not_a_site_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "catatan.txt").write_text("punyaku", encoding="utf-8")
    with pytest.raises(OutputError, match="bukan situs hasil"):
        website.build(REFERENCES, tmp_path)
    assert [path.name for path in tmp_path.iterdir()] == ["catatan.txt"]
    with pytest.raises(OutputError, match="bukan situs hasil"):
        website.build(REFERENCES, tmp_path / "catatan.txt")
    assert (tmp_path / "catatan.txt").read_text(encoding="utf-8") == "punyaku"


def test_unexecuted_lessons_are_refused(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="belum dijalankan oleh `olmo-id course`"):
        website.build(runner.NOTEBOOKS_DIR, tmp_path / "html")
    partial = shutil.copytree(REFERENCES, tmp_path / "run", ignore=shutil.ignore_patterns("05_*", "_nbval_run"))
    with pytest.raises(SourceError, match="tidak ada 05_evaluation.ipynb"):
        website.build(partial, tmp_path / "html")
