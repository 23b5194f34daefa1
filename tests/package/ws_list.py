#!/usr/bin/env python3
# A minimal RFC 6455 WebSocket client (standard library only) for the package test: connects to the URL,
# sends {"type":"tsg:list"} and exits 0 once tsg:list:response arrives. Usage: ws_list.py ws://HOST:PORT/?token=T
import base64
import hashlib
import json
import os
import socket
import struct
import sys
from urllib.parse import urlsplit

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"  # RFC 6455, section 1.3
OP_CONT, OP_TEXT, OP_BINARY, OP_CLOSE, OP_PING, OP_PONG = 0x0, 0x1, 0x2, 0x8, 0x9, 0xA


def fail(message):
    sys.exit(f"ws_list: {message}")


class Connection:
    def __init__(self, url, timeout=20):
        parts = urlsplit(url)
        if parts.scheme != "ws" or not parts.hostname or not parts.port:
            fail(f"not a ws://HOST:PORT URL: {url}")
        self.sock = socket.create_connection((parts.hostname, parts.port), timeout=timeout)
        self.buffer = b""
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        self._handshake(f"{parts.hostname}:{parts.port}", path)

    def _handshake(self, host, path):
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {path} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                           "Sec-WebSocket-Version: 13\r\n\r\n").encode())
        while b"\r\n\r\n" not in self.buffer:
            self._receive()
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        status, *lines = head.decode("latin-1").split("\r\n")
        if status.split(" ")[1:2] != ["101"]:
            fail(f"handshake refused: {status}")
        headers = {name.strip().lower(): value.strip()
                   for name, value in (line.split(":", 1) for line in lines if ":" in line)}
        accept = base64.b64encode(hashlib.sha1((key + GUID).encode()).digest()).decode()
        if headers.get("sec-websocket-accept") != accept:
            fail("bad Sec-WebSocket-Accept")

    def _receive(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            fail("the server closed the connection")
        self.buffer += chunk

    def _take(self, n):
        while len(self.buffer) < n:
            self._receive()
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def send(self, opcode, payload):
        # Client frames are always masked (RFC 6455, section 5.3).
        n = len(payload)
        if n < 126:
            header = struct.pack("!BB", 0x80 | opcode, 0x80 | n)
        elif n < 1 << 16:
            header = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, n)
        else:
            header = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, n)
        mask = os.urandom(4)
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def read_message(self):
        """The next text or binary message (fragments joined); answers pings, fails on close."""
        message, first_opcode = b"", None
        while True:
            b0, b1 = self._take(2)
            fin, opcode, n = b0 & 0x80, b0 & 0x0F, b1 & 0x7F
            if b1 & 0x80:
                fail("the server masked a frame")
            if n == 126:
                n = struct.unpack("!H", self._take(2))[0]
            elif n == 127:
                n = struct.unpack("!Q", self._take(8))[0]
            payload = self._take(n)
            if opcode == OP_PING:
                self.send(OP_PONG, payload)
            elif opcode == OP_CLOSE:
                code = struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else None
                fail(f"the server closed the WebSocket: {code} {payload[2:].decode(errors='replace')}")
            elif opcode in (OP_TEXT, OP_BINARY, OP_CONT):
                first_opcode = opcode if first_opcode is None else first_opcode
                message += payload
                if fin:
                    return first_opcode, message

    def close(self):
        self.send(OP_CLOSE, struct.pack("!H", 1000))
        self.sock.close()


def main():
    if len(sys.argv) != 2:
        fail("usage: ws_list.py ws://HOST:PORT/?token=TOKEN")
    ws = Connection(sys.argv[1])
    ws.send(OP_TEXT, json.dumps({"type": "tsg:list", "requestId": "package-test"}).encode())
    while True:
        opcode, payload = ws.read_message()
        if opcode != OP_TEXT:
            continue
        reply = json.loads(payload)
        if reply.get("requestId") != "package-test":
            print(f"ws_list: (skipping {reply.get('type')})")
            continue
        if reply.get("type") != "tsg:list:response":
            fail(f"expected tsg:list:response, got {payload[:200]!r}")
        break
    if not isinstance(reply.get("data", {}).get("tsgs"), list):
        fail(f"tsg:list:response without a tsgs list: {payload[:200]!r}")
    print(f"ws_list: tsg:list:response with {len(reply['data']['tsgs'])} TSGs")
    ws.close()


if __name__ == "__main__":
    main()
