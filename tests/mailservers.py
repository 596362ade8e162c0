"""Real mail servers on 127.0.0.1 for the delivery tests: one that hangs, one that receives.

Django's SMTP backend talks to them over real sockets, so the tests see what
production sees: timeouts, connections, and messages as they arrived.
"""

import contextlib
import email
import email.policy
import socket
import socketserver
import threading
from dataclasses import dataclass


class HangingMailServer:
    """Accepts every connection and never says a word (not even the SMTP greeting)."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.connections: list[socket.socket] = []
        self.thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self):
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:  # closed by stop()
                return
            self.connections.append(connection)

    def __enter__(self):
        self.thread.start()
        return self

    def stop(self):
        # shutdown() wakes the thread blocked in accept(); close() alone may not.
        with contextlib.suppress(OSError):
            self.socket.shutdown(socket.SHUT_RDWR)
        self.socket.close()
        self.thread.join(5)
        for connection in self.connections:
            connection.close()

    def __exit__(self, *exc):
        self.stop()


@dataclass
class Received:
    mail_from: str
    rcpt_to: list[str]
    message: email.message.EmailMessage


class _SmtpSession(socketserver.StreamRequestHandler):
    """Just enough SMTP (RFC 5321) for smtplib: greeting, EHLO, MAIL, RCPT, DATA, RSET, QUIT."""

    def reply(self, line: str):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self.reply("220 sink.test ESMTP")
        mail_from, rcpt_to = None, []
        while line := self.rfile.readline():
            command = line.decode("ascii", "replace").rstrip("\r\n")
            verb, _, argument = command.partition(" ")
            verb = verb.upper()
            if verb in {"EHLO", "HELO"}:
                self.reply("250 sink.test")
            elif verb == "MAIL":
                mail_from, rcpt_to = _address(argument), []
                self.reply("250 OK")
            elif verb == "RCPT":
                rcpt_to.append(_address(argument))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                data = self._read_data()
                message = email.message_from_bytes(data, policy=email.policy.default)
                self.server.received.append(Received(mail_from, rcpt_to, message))
                self.reply("250 OK: queued")
            elif verb == "RSET":
                mail_from, rcpt_to = None, []
                self.reply("250 OK")
            elif verb == "NOOP":
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")

    def _read_data(self) -> bytes:
        lines = []
        while (line := self.rfile.readline()) not in (b".\r\n", b""):
            # Dot-stuffing: a line the client started with "." arrives as "..".
            lines.append(line[1:] if line.startswith(b"..") else line)
        return b"".join(lines)


def _address(argument: str) -> str:
    """'FROM:<a@b>' or 'TO:<a@b> SIZE=…' -> 'a@b'."""
    return argument.partition("<")[2].partition(">")[0]


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True  # take over the port the hanging server had
    daemon_threads = True


class SmtpSink:
    """A mail server that accepts everything and keeps what it received in ``received``."""

    def __init__(self, port: int = 0):
        self.server = _Server(("127.0.0.1", port), _SmtpSession)
        self.server.received = []
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def received(self) -> list[Received]:
        return self.server.received

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)
