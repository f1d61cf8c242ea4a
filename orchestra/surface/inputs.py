"""User input items for a turn: text, local images, and inline image data.

A turn's input is a list of items; :meth:`Conversation.send` takes a plain string or such a list.
The builders return the items' wire dicts (built from the typed protocol classes), ready for
``conv.send([text("look"), local_image("shot.png")])``.
What the 0.163 runtime does with each image kind (checked against the model request):

- ``local_image(path)``: the runtime reads the file and sends it to the model as an
  ``input_image`` with a ``data:`` URL, framed by ``<image name=[Image #1] path="...">`` text.
- ``image_url("data:image/png;base64,...")``: sent to the model as it is, as an ``input_image``.
- a remote ``http(s)`` URL is refused by the runtime (``remote image URLs are not supported``):
  :func:`image_url` raises :class:`ImageInputError` at once instead; read the bytes yourself and
  use :func:`image_bytes`.
"""

from __future__ import annotations

import base64
import mimetypes
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..actors._inputs import input_items
from ..protocol import ImageDetail, ImageUserInput, LocalImageUserInput, TextUserInput, unstructure
from ._errors import ImageInputError

InputItem = TextUserInput | ImageUserInput | LocalImageUserInput | Mapping[str, Any]
UserInputLike = str | InputItem | Sequence[InputItem | str]


InputDict = dict[str, Any]


def text(value: str) -> InputDict:
    """A text item."""
    return dict(unstructure(TextUserInput(text=value)))


def local_image(path: str | os.PathLike[str], *, detail: ImageDetail | None = None) -> InputDict:
    """An image file the runtime reads and sends to the model. The file must exist."""
    resolved = Path(path).absolute()
    if not resolved.is_file():
        raise ImageInputError(f"image file not found: {resolved}")
    return dict(unstructure(LocalImageUserInput(path=str(resolved), detail=detail)))


def image_url(url: str, *, detail: ImageDetail | None = None) -> InputDict:
    """An image given by URL. Only inline ``data:`` URLs of an image type are accepted by the
    runtime (the scheme and type in any case, as URLs allow)."""
    scheme, _, rest = url.partition(":")
    if not rest or scheme.lower() != "data":
        shown = scheme if rest else "no scheme"
        raise ImageInputError(
            f"the runtime accepts only inline data: image URLs, not {shown} URLs; "
            "read the bytes and use image_bytes(...)"
        )
    head, comma, data = rest.partition(",")
    media_type, *parameters = head.split(";")
    media_type = media_type.strip().lower()
    if not media_type.startswith("image/"):
        # The model would get "image content omitted" instead of the content.
        raise ImageInputError(f"not an image data: URL (its type is {media_type or 'missing'!r})")
    url = "data:" + ";".join([media_type, *parameters]) + comma + data  # as the runtime expects it
    return dict(unstructure(ImageUserInput(url=url, detail=detail)))


def image_bytes(data: bytes, mime_type: str = "image/png", *, detail: ImageDetail | None = None) -> InputDict:
    """Image bytes, sent inline as a ``data:`` URL."""
    if not mime_type.startswith("image/"):
        raise ImageInputError(f"not an image MIME type: {mime_type!r}")
    encoded = base64.b64encode(data).decode("ascii")
    return image_url(f"data:{mime_type};base64,{encoded}", detail=detail)


def image_file_inline(path: str | os.PathLike[str], *, detail: ImageDetail | None = None) -> InputDict:
    """A local image sent inline (``data:`` URL) rather than by path."""
    resolved = Path(path)
    if not resolved.is_file():
        raise ImageInputError(f"image file not found: {resolved.absolute()}")
    mime_type = mimetypes.guess_type(resolved.name)[0] or "image/png"
    return image_bytes(resolved.read_bytes(), mime_type, detail=detail)


def to_wire(value: UserInputLike) -> list[dict[str, Any]]:
    """The ``input`` list of ``turn/start`` / ``turn/steer`` for ``value`` (see
    :func:`orchestra.actors._inputs.input_items`)."""
    return input_items(value)
