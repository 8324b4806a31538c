"""Messages between processes: length-prefixed JSON over a socket, with a size cap and a deadline."""

from __future__ import annotations

import json
import socket
import struct
import time
from typing import Any

_HEADER = struct.Struct(">I")
MAX_MESSAGE = 16 * 1024 * 1024


class ProtocolError(RuntimeError):
    """A message was malformed or too large (the other side is broken or hostile)."""


class ChannelClosed(EOFError):
    """The other side closed the connection (for a sandboxed child: it died)."""


def send(sock: socket.socket, message: Any) -> None:
    """Send one JSON message (NaN and infinity allowed)."""
    data = json.dumps(message, allow_nan=True, separators=(",", ":")).encode("utf-8")
    if len(data) > MAX_MESSAGE:
        raise ProtocolError(f"message of {len(data):,} bytes exceeds the limit of {MAX_MESSAGE:,}")
    sock.sendall(_HEADER.pack(len(data)) + data)


def _recv_exact(sock: socket.socket, size: int, deadline: float | None) -> bytes:
    chunks, remaining = [], size
    while remaining:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no answer before the deadline")
            sock.settimeout(left)
        else:
            sock.settimeout(None)
        try:
            chunk = sock.recv(min(remaining, 1 << 20))
        except socket.timeout:
            raise TimeoutError("no answer before the deadline") from None
        except (ConnectionResetError, BrokenPipeError):
            raise ChannelClosed("connection reset") from None
        if not chunk:
            raise ChannelClosed("connection closed")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def recv(sock: socket.socket, deadline: float | None = None) -> Any:
    """Receive one JSON message.

    Args:
        sock: A connected stream socket.
        deadline: ``time.monotonic()`` value after which to give up, or None to wait.

    Raises:
        TimeoutError: Past the deadline.
        ChannelClosed: The other side closed the socket.
        ProtocolError: Oversized or undecodable message.
    """
    (size,) = _HEADER.unpack(_recv_exact(sock, _HEADER.size, deadline))
    if size > MAX_MESSAGE:
        raise ProtocolError(f"announced message of {size:,} bytes exceeds the limit of {MAX_MESSAGE:,}")
    data = _recv_exact(sock, size, deadline)
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ProtocolError(f"undecodable message: {type(exc).__name__}") from None
