"""A TCP port forwarder on 127.0.0.1: the same server reached through another port."""

from __future__ import annotations

import contextlib
import socket
import threading


class Forwarder:
    """Accepts on a free port of its own and relays every connection to `target` byte for byte."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self._open: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return  # closed
            upstream = socket.create_connection(self.target)
            self._open += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)

    def close(self) -> None:
        self.listener.close()
        for s in self._open:
            with contextlib.suppress(OSError):
                s.close()
        self._thread.join(timeout=10)

    def __enter__(self) -> Forwarder:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
