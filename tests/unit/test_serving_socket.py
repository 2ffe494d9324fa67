"""The socket several workers listen on says it is TCP, so that asyncio turns
Nagle's algorithm off on every connection they accept (else each answer on a
kept-alive connection waited for the client's delayed ACK)."""

from __future__ import annotations

import socket

from graphsvc.serving import _tcp


def test_the_workers_socket_is_tcp_by_name() -> None:
    bound = socket.socket(socket.AF_INET, socket.SOCK_STREAM)  # as uvicorn binds it
    bound.bind(("127.0.0.1", 0))
    address = bound.getsockname()
    assert bound.proto == 0
    with _tcp(bound) as listening:
        assert listening.proto == socket.IPPROTO_TCP
        assert listening.getsockname() == address
        listening.listen()
        with socket.create_connection(address) as client:
            accepted, _ = listening.accept()
            with accepted:
                assert accepted.proto == socket.IPPROTO_TCP
                client.sendall(b"x")
                assert accepted.recv(1) == b"x"


def test_a_unix_socket_is_left_as_it_is() -> None:
    unix = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    with unix:
        assert _tcp(unix) is unix
