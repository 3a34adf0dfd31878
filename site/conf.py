"""Sphinx settings of the course website (`make site`; olmo_id/website.py assembles the pages next to this file)."""

project = "olmo-id"
author = "olmo-id"
copyright = "olmo-id, Apache-2.0 (kode) dan CC BY 4.0 (data contoh)"
language = "id"
# MathJax served from the site (sphinx-mathjax-offline ships it), not from a CDN: the pages read offline too.
extensions = ["myst_nb", "sphinx-mathjax-offline"]
# The lessons were executed by `olmo-id course`; the site shows those outputs and never runs a notebook again.
nb_execution_mode = "off"
myst_enable_extensions = ["dollarmath", "colon_fence"]
exclude_patterns = ["_build", "**.ipynb_checkpoints", "conf.py"]
html_theme = "sphinx_book_theme"
html_title = "olmo-id: mengajari OLMo-1B berbahasa Indonesia"
html_theme_options = {
    "repository_url": "https://github.com/olmo-id/olmo-id",
    "use_repository_button": True,
    "use_download_button": True,
    "show_toc_level": 2,
}
# A page whose notebook outputs are long tables stays readable: long outputs scroll instead of filling the page.
nb_merge_streams = True
# The theme's light/dark switch starts from light (an unset mode logs an error in the browser console).
html_context = {"default_mode": "light"}
# No ipywidgets on these pages (the lessons' progress bars were executed headless): keep their loader scripts, which
# come from CDNs, off the page.
nb_ipywidgets_js: dict[str, dict[str, str]] = {}
# A favicon of the site's own: without one the browser asks for /favicon.ico and logs the 404 as a console error.
html_favicon = "favicon.svg"
