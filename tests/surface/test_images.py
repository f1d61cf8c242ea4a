"""Image inputs against the real runtime: what reaches the model request."""

from __future__ import annotations

import base64
import struct
import zlib
from pathlib import Path

import pytest
import trio

from orchestra import Orchestra
from orchestra.surface import ImageInputError, image_bytes, image_url, local_image, text
from orchestra.testing import ScriptedModel

from .conftest import TIMEOUT


def png(width: int = 2, height: int = 2) -> bytes:
    """A tiny valid red PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


async def test_local_image_and_inline_image_reach_the_model(
    orch: Orchestra, scripted_model: ScriptedModel, workdir: Path
) -> None:
    picture = workdir / "red.png"
    picture.write_bytes(png())
    inline = png(3, 1)
    with trio.fail_after(TIMEOUT):
        async with orch.conversation(cwd=str(workdir)) as conv:
            result = await conv.run(
                [text("What is in these images?"), local_image(picture), image_bytes(inline)]
            )
    assert result.ok
    message = scripted_model.requests[-1].input[-1]
    parts = [(p["type"], p.get("text") or p.get("image_url")) for p in message["content"]]
    assert parts == [
        ("input_text", "What is in these images?"),
        ("input_text", f'<image name=[Image #1] path="{picture}">'),
        ("input_image", "data:image/png;base64," + base64.b64encode(picture.read_bytes()).decode()),
        ("input_text", "</image>"),
        ("input_image", "data:image/png;base64," + base64.b64encode(inline).decode()),
    ]


def test_images_the_runtime_would_refuse_fail_early(tmp_path: Path) -> None:
    with pytest.raises(ImageInputError, match="only inline data: image URLs"):
        image_url("https://example.invalid/cat.png")
    with pytest.raises(ImageInputError, match="not found"):
        local_image(tmp_path / "missing.png")
    with pytest.raises(ImageInputError, match="not an image"):
        image_bytes(b"hello", "text/plain")
    assert image_url("data:image/png;base64,AAAA") == {"type": "image", "url": "data:image/png;base64,AAAA"}
    # A data: URL that is not an image reached the model as "image content omitted"; the scheme
    # and type are case-insensitive, as URLs allow.
    with pytest.raises(ImageInputError, match="not an image data: URL"):
        image_url("data:text/plain,hello")
    with pytest.raises(ImageInputError, match="not an image data: URL"):
        image_url("data:,hello")
    assert image_url("DATA:Image/PNG;base64,AAAA")["url"] == "data:image/png;base64,AAAA"
