"""QR codes drawn at build time by segno, as inline SVG (nothing fetched, no
image file, nothing the CSP must allow): the printed guide's link to /opt-out/."""

from __future__ import annotations

import segno


def svg(url: str, title: str) -> str:
    """The address as an SVG QR code: black on white, sized by CSS, titled for screen readers."""
    code = segno.make(url, error="m", micro=False)
    return code.svg_inline(
        scale=1,
        border=4,
        dark="#000",
        light="#fff",
        omitsize=True,
        title=title,
        svgclass="faq-qr__code",
        lineclass=None,
    )
