"""Show gradflow graphs in a Jupyter notebook: ``show(graph, step=..., options=...)``.

Standard library only. ``show`` returns an object Jupyter displays as HTML: the
``<gradflow-graph>`` element and the ``<script type="module">`` that defines it. The explorer
runs in the browser (the notebook page, or the HTML that ``jupyter nbconvert --to html`` writes);
the kernel only writes the element.

Where the script is: copy gradflow's ``dist-lib/`` folder next to the notebook's HTML as
``gradflow/`` (the default ``./gradflow/gradflow-element.js``), or pass ``script=`` a URL, or call
``configure(script=...)`` once, or set the environment variable ``GRADFLOW_ELEMENT_URL``.

    from gradflow_embed import show
    show("ex06-attention-backward", step=8, controls="steps", height=480)
    show("ex04-vanishing-gradients", options={"activation": "relu", "init": "he"})
    show({"nodes": [...], "objectives": [...]})      # a graph of your own, written inline
    show("graphs/mine.json")                         # a graph file on the page's own site
"""

from __future__ import annotations

import html
import json
import os
import re
from typing import Any, Mapping, Optional, Union

__all__ = ["show", "configure", "GradflowGraph", "DEFAULT_SCRIPT"]

DEFAULT_SCRIPT = "./gradflow/gradflow-element.js"
_CONTROLS = ("full", "steps", "none")
_script: Optional[str] = None


def configure(script: str) -> None:
    """Sets the URL of ``gradflow-element.js`` for every later ``show``."""
    global _script
    _script = script


def _script_url(script: Optional[str]) -> str:
    url = script or _script or os.environ.get("GRADFLOW_ELEMENT_URL") or DEFAULT_SCRIPT
    # import() reads "gradflow/x.js" as a package name: a relative path must start with ./ or ../
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:|^/|^\.\.?/", url):
        url = "./" + url
    return url


def _inline_json(graph: Mapping[str, Any]) -> str:
    # Inside <script> only "</script" (and "<!--") could end or confuse it: JSON may spell "<" as \u003c.
    return json.dumps(graph, ensure_ascii=False, allow_nan=False).replace("<", "\\u003c")


class GradflowGraph:
    """One ``<gradflow-graph>``; Jupyter calls ``_repr_html_`` to display it."""

    def __init__(self, attrs: Mapping[str, str], inline: Optional[str], script: str) -> None:
        self.attrs = dict(attrs)
        self.inline = inline
        self.script = script

    def element(self) -> str:
        """The element alone (the page must load the script once)."""
        attrs = "".join(f' {k}="{html.escape(v, quote=True)}"' for k, v in self.attrs.items())
        body = f'<script type="text/gradflow">{self.inline}</script>' if self.inline is not None else ""
        return f"<gradflow-graph{attrs}>{body}</gradflow-graph>"

    def _repr_html_(self) -> str:
        # Every output loads the script; a module runs once per page however often it is imported.
        # A classic script calling import(): notebook front ends run the scripts of an HTML output
        # (where a <script type="module" src> may be skipped), and exported HTML runs it as it loads.
        url = json.dumps(self.script).replace("<", "\\u003c")
        load = f"<script>import({url}).catch((e) => console.error('gradflow: could not load', {url}, e));</script>"
        return f"{load}\n{self.element()}"

    def __str__(self) -> str:
        return self._repr_html_()


def show(
    graph: Union[str, Mapping[str, Any]],
    step: Optional[int] = None,
    options: Optional[Mapping[str, Union[str, int, float, bool]]] = None,
    controls: Optional[str] = None,
    height: Optional[Union[int, str]] = None,
    script: Optional[str] = None,
) -> GradflowGraph:
    """A gradflow explorer for ``graph``.

    graph     an exercise id (``"ex03-two-layer-backprop"``), a path or URL of a ``.json``/``.gf``
              graph file on the page's own site, or a GraphSpec as a dict (written into the page).
    step      the step to open at (0 = nothing done).
    options   the exercise's options, e.g. ``{"activation": "relu"}``.
    controls  ``"full"`` (default), ``"steps"`` or ``"none"``.
    height    pixels, or a CSS length such as ``"60vh"``.
    script    URL of ``gradflow-element.js`` (see the module's docstring for the default).
    """
    attrs: dict = {}
    inline = None
    if isinstance(graph, Mapping):
        inline = _inline_json(graph)
    elif isinstance(graph, str) and graph.strip():
        g = graph.strip()
        attrs["src" if g.endswith((".json", ".gf")) else "graph"] = g
    else:
        raise ValueError("graph: give an exercise id, a .json/.gf file path, or a GraphSpec dict")
    if step is not None:
        if isinstance(step, bool) or not isinstance(step, int) or step < 0:
            raise ValueError(f"step: expected a whole number >= 0, got {step!r}")
        attrs["step"] = str(step)
    if options:
        attrs["options"] = json.dumps(dict(options), allow_nan=False)
    if controls is not None:
        if controls not in _CONTROLS:
            raise ValueError(f"controls: expected one of {', '.join(_CONTROLS)}, got {controls!r}")
        attrs["controls"] = controls
    if height is not None:
        attrs["height"] = str(height)
    return GradflowGraph(attrs, inline, _script_url(script))
