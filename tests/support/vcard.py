"""A smart card in vsmartcard's virtual reader (vpcd), for tests on a real PC/SC stack.

pcscd with Debian's `vsmartcard-vpcd` driver shows readers "Virtual PCD 00 00" and "00 01" and
listens on 127.0.0.1:35963 (and 35964) for a card. Connecting inserts one; closing removes it.
vpcd sends 2-byte big-endian length + payload: a 1-byte payload is a control (0 power off,
1 power on, 2 reset, 4 "send the ATR"), anything longer an APDU to answer. This card answers
every APDU with 6A82 (file not found): a card no PKCS#11 module can read, as OpenSC then reports
with CKR_TOKEN_NOT_RECOGNIZED.
"""

from __future__ import annotations

import socket
import struct
import threading

VPCD_PORT = 35963
# The shortest valid ATR for a T=1 card: TS 3B, T0 80 (TD1 follows), TD1 80 (T=0, TD2), TD2 01 (T=1), TCK.
ATR = bytes.fromhex("3B80800101")
FILE_NOT_FOUND = bytes.fromhex("6A82")


class VirtualCard:
    """`insert()` connects to vpcd (the card goes in), `remove()` disconnects (it comes out)."""

    def __init__(self, port: int = VPCD_PORT, atr: bytes = ATR):
        self.port, self.atr = port, atr
        self.answer = FILE_NOT_FOUND
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self.apdus = 0
        self.powered = threading.Event()  # set once pcscd has read the ATR

    def insert(self, timeout: float = 10) -> None:
        self._sock = socket.create_connection(("127.0.0.1", self.port), timeout=timeout)
        self._sock.settimeout(None)
        # vpcd writes the length and the payload apart: without these each APDU waits ~40 ms
        # for a delayed ACK, and OpenSC's card detection sends hundreds of them.
        self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._thread = threading.Thread(target=self._serve, args=(self._sock,), daemon=True)
        self._thread.start()
        # pcscd notices the card on its next look at the reader and powers it up to read the ATR;
        # until it has, a PKCS#11 module would still see an empty reader.
        if not self.powered.wait(timeout):
            raise TimeoutError("pcscd did not power up the virtual card")

    def remove(self) -> None:
        if self._sock is not None:
            try:
                self._sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # vpcd already closed it
            self._sock.close()
            self._sock = None
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None

    def _serve(self, sock: socket.socket) -> None:
        try:
            while True:
                head = _read(sock, 2)
                if head is None:
                    return
                (length,) = struct.unpack(">H", head)
                payload = _read(sock, length)
                if payload is None:
                    return
                if length == 1:
                    if payload[0] == 4:
                        sock.sendall(struct.pack(">H", len(self.atr)) + self.atr)
                        self.powered.set()
                    continue  # power off / on / reset: no answer expected
                self.apdus += 1
                sock.sendall(struct.pack(">H", len(self.answer)) + self.answer)
        except OSError:
            return  # removed

    def __enter__(self) -> VirtualCard:
        self.insert()
        return self

    def __exit__(self, *exc) -> None:
        self.remove()


def _read(sock: socket.socket, n: int) -> bytes | None:
    data = b""
    while len(data) < n:
        if hasattr(socket, "TCP_QUICKACK"):  # Linux: acknowledge at once (reset by every recv)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
        chunk = sock.recv(n - len(data))
        if not chunk:
            return None
        data += chunk
    return data
