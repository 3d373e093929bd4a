"""PFIF travels as XML: a partner's file is the request body as it came, and errors stay JSON
whatever the client accepts, so every refusal keeps the API's one shape."""

from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import BaseParser

XML = "application/xml"


class XmlBodyParser(BaseParser):
    """The body's bytes, unparsed: apps.pfif reads them with defusedxml."""

    media_type = XML

    def parse(self, stream, media_type=None, parser_context=None):
        return stream.read()


class TextXmlBodyParser(XmlBodyParser):
    media_type = "text/xml"


class JsonErrorsNegotiation(DefaultContentNegotiation):
    """The answer's XML is written by the view itself; DRF renders only refusals, always as
    JSON, even for a client that accepts nothing but XML."""

    def select_renderer(self, request, renderers, format_suffix=None):
        renderer = renderers[0]
        return renderer, renderer.media_type
