"""exporter: turn an article into a valid EPUB and a typeset PDF.

The API is three functions: :func:`read` (input to model), :func:`render`
(model to bytes of one format) and :func:`export` (input to files).
"""

from exporter.api import ExportResult, export, read, render
from exporter.options import Options

__version__ = "0.1.0"

__all__ = ["ExportResult", "Options", "__version__", "export", "read", "render"]
