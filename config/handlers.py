"""Requests the site will not read get a 400 page, before any view or form sees them.

Django reads a request's parameters lazily, wherever code first asks for
``request.GET`` or ``request.POST``, and some of what it refuses there ended
in a 500 or a traceback in the log:

- A form post that declares a charset other than UTF-8 raises BadRequest in
  the CSRF check; Django's 400 page then runs the CSRF check again, which
  raises again, and so does the 500 page (Django ticket #34709). A charset
  that names no text encoding (``rot13``, ``base64``) breaks the query string
  of any request, GET included.
- Too many parameters or too big a body (DATA_UPLOAD_MAX_NUMBER_FIELDS,
  DATA_UPLOAD_MAX_MEMORY_SIZE) are logged by Django at ERROR with a
  traceback, as if the site were broken.
- File parts in a multipart post are written to memory, then to a temporary
  file, whatever their size: only form fields count toward
  DATA_UPLOAD_MAX_MEMORY_SIZE. The one form that takes a file is the admin's
  (a resource's PDF): file parts are refused from anyone but signed-in staff
  in the admin, and of theirs at most STAFF_UPLOAD_MAX_BYTES is written.

- A declared charset also makes Django parse the query string while it
  builds the request, before any middleware: a charset that is no text
  encoding, too many parameters, or a Content-Type it cannot parse at all
  (``charset*=nonsense''x``) failed there, with a bare 500 for any URL.

``readable_request`` (around the WSGI application) fixes the header before
Django reads it: a charset other than UTF-8 is taken out and noted, UTF-8
(Django's default anyway) is dropped. ``RequestInputMiddleware`` then reads
the parameters once, first, and answers the site's 400 page with one warning
line (what was wrong, never what was sent) when it cannot, or when a form
post was declared in another charset. Everything after it finds them read.
"""

import codecs
import logging
import re

from django.conf import settings
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.files.uploadhandler import FileUploadHandler, TemporaryFileUploadHandler
from django.http import UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils.http import parse_header_parameters

logger = logging.getLogger(__name__)

FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
# What the admin's action checkboxes send: row ids (every model here has a
# 64-bit integer key). The admin passes them to the database unchecked.
ROW_ID = re.compile(r"[0-9]{1,19}")
# Set in the WSGI environ when the request declared a charset other than UTF-8.
FOREIGN_CHARSET = "ocep.foreign_charset"


class FilePartRefused(MultiPartParserError):
    pass


class RefuseFileParts(FileUploadHandler):
    """Ends the parse at the first file part, before any of its content is read."""

    def new_file(self, *args, **kwargs):
        raise FilePartRefused("This site accepts no files.")

    def receive_data_chunk(self, raw_data, start):  # never reached: new_file raised
        return None

    def file_complete(self, file_size):
        return None


class CappedFileUploadHandler(TemporaryFileUploadHandler):
    """Writes at most STAFF_UPLOAD_MAX_BYTES of a file, but reports its whole size.

    The form then refuses a file over the limit with a message that says how
    big it was, and a huge upload never fills the disk.
    """

    def receive_data_chunk(self, raw_data, start):
        room = settings.STAFF_UPLOAD_MAX_BYTES - start
        if room > 0:
            self.file.write(raw_data[:room])


def upload_handlers_for(request) -> list[FileUploadHandler]:
    """Staff signed in with both steps may upload files in the admin; nobody else."""
    if request.path_info.startswith(f"/{settings.ADMIN_PATH}"):
        user = request.user
        if user.is_staff and getattr(user, "is_verified", lambda: False)():
            return [CappedFileUploadHandler(request)]
    return [RefuseFileParts(request)]


def is_utf8(charset: str) -> bool:
    try:
        return codecs.lookup(charset).name == "utf-8"  # also "UTF8", "utf_8", "u8"
    except (LookupError, ValueError):  # unknown, or not even a name ("\x00")
        return False


# What went wrong, for the log line: never the values that were sent.
REASONS = {
    FilePartRefused: "a file part in a form post",
    RequestDataTooBig: "a body over DATA_UPLOAD_MAX_MEMORY_SIZE",
    TooManyFieldsSent: "more parameters than DATA_UPLOAD_MAX_NUMBER_FIELDS",
    TooManyFilesSent: "more files than DATA_UPLOAD_MAX_NUMBER_FILES",
    MultiPartParserError: "a malformed multipart body",
    UnreadablePostError: "a body that could not be read (client gone?)",
}


class RequestInputMiddleware:
    """Read the query string and any form body now, or answer 400.

    Last in MIDDLEWARE, so that the 400 page gets every header and the
    visitor's language. It still reads before anything else does: the
    middleware above it read neither GET nor POST on the way in, and the CSRF
    check reads POST later, in process_view.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reason = self.refusal(request)
        if reason is not None:
            logger.warning("Request refused with 400: %s", reason)
            return render(request, "400.html", status=400)
        return self.get_response(request)

    def refusal(self, request) -> str | None:
        if request.META.get(FOREIGN_CHARSET) and request.method == "POST":
            # A urlencoded body is UTF-8 by definition, and every form here is
            # sent in UTF-8: another charset is not a browser's post.
            return "a body declared in a charset other than UTF-8"
        try:
            request.GET  # noqa: B018 - parse it now, where a refusal is answered
            if request.method == "POST" and request.content_type in FORM_CONTENT_TYPES:
                request.upload_handlers = upload_handlers_for(request)
                request.POST  # noqa: B018
        except tuple(REASONS) as error:
            return next(text for kind, text in REASONS.items() if isinstance(error, kind))
        if request.method == "POST" and not all(
            ROW_ID.fullmatch(value) for value in request.POST.getlist(ACTION_CHECKBOX_NAME)
        ):
            return "an admin action on something that is not a row id"
        return None


def readable_request(application):
    """WSGI: declare no charset to Django, noting one other than UTF-8 for the middleware.

    With a charset in the Content-Type, Django decodes the query string while
    it builds the request, where nothing can turn a failure into a 400 page.
    Without one, it decodes it as UTF-8 when asked, in the middleware. A
    header it cannot parse counts as another charset.
    """

    def wrapped(environ, start_response):
        header = environ.get("CONTENT_TYPE", "")
        if ";" in header:  # parameters, perhaps a charset
            try:
                media_type, parameters = parse_header_parameters(header)
            except ValueError:
                media_type, parameters = "application/octet-stream", {"charset": ""}
            charset = parameters.pop("charset", None)
            if charset is not None and not is_utf8(charset):
                environ[FOREIGN_CHARSET] = True
                environ["CONTENT_TYPE"] = "application/octet-stream"  # a body nothing reads
            elif charset is not None:
                environ["CONTENT_TYPE"] = "; ".join(
                    [media_type, *(f"{name}={quote(value)}" for name, value in parameters.items())]
                )
        return application(environ, start_response)

    return wrapped


def quote(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
