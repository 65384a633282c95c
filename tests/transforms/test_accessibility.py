"""The alt text check: a warning per figure a screen reader cannot describe."""

from __future__ import annotations

from exporter import model as m
from exporter.options import Options
from exporter.transforms import TRANSFORMS
from exporter.transforms.accessibility import warn_missing_alt_text


def figure(src: str, alt: str, caption: str = "") -> m.Figure:
    return m.Figure(src, alt, (m.Text(caption),) if caption else ())


def document(*blocks: m.Block) -> m.Document:
    return m.Document(m.Metadata(title="T", language="en"), blocks)


def test_each_figure_without_alt_text_is_named_once() -> None:
    doc = document(
        figure("a.png", "A map of the coast"),
        figure("b.png", ""),
        m.BlockQuote((figure("c.png", "   ", "Low tide at the station, seen from the dike"),)),
        m.ListBlock((m.ListItem((figure("d.png", "A gauge"),)),)),
    )
    outcome = warn_missing_alt_text(doc, Options())
    assert outcome.document is doc
    assert [d.code for d in outcome.diagnostics] == ["accessibility.image-without-alt"] * 2
    first, second = (d.message for d in outcome.diagnostics)
    assert first.startswith("image b.png (figure 2 of 4) has no alt text")
    assert 'image c.png (figure 3 of 4, captioned "Low tide at the station' in second
    assert all(d.level == "warning" for d in outcome.diagnostics)


def test_figures_in_footnotes_count_too() -> None:
    doc = document(m.FootnoteDef("n", (figure("n.png", ""),)))
    (diagnostic,) = warn_missing_alt_text(doc, Options()).diagnostics
    assert "n.png" in diagnostic.message


def test_figures_in_definitions_count_too() -> None:
    item = m.DefinitionItem((m.Text("Map"),), ((figure("d.png", ""),),))
    (diagnostic,) = warn_missing_alt_text(
        document(m.DefinitionList((item,))), Options()
    ).diagnostics
    assert "d.png" in diagnostic.message


def test_a_long_caption_is_quoted_short() -> None:
    doc = document(figure("a.png", "", "word " * 40))
    (diagnostic,) = warn_missing_alt_text(doc, Options()).diagnostics
    assert '…")' in diagnostic.message
    assert len(diagnostic.message) < 220


def test_described_figures_and_no_figures_give_no_warning() -> None:
    assert warn_missing_alt_text(document(figure("a.png", "A map")), Options()).diagnostics == ()
    assert warn_missing_alt_text(document(m.Paragraph((m.Text("x"),))), Options()).diagnostics == ()


def test_the_check_runs_with_every_export() -> None:
    assert ("warn_missing_alt_text", warn_missing_alt_text) in TRANSFORMS
