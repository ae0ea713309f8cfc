#!/usr/bin/env python3
"""Serves folder ROOT on 127.0.0.1:PORT for the audit benchmark as cheaply as Python can: every file is read once at
start and kept as a complete HTTP/1.1 response (headers, with Last-Modified as http.server sends it, and body bytes), and one asyncio event loop answers
keep-alive connections (pipelined requests too) by path, 404 otherwise. The threaded http.server it replaces spent
more CPU per page than the crawler's parsing on this 2-core machine. Usage: serve.py ROOT PORT"""
import asyncio
import email.utils
import os
import sys

root, port = sys.argv[1], int(sys.argv[2])
types = {".html": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8", ".csv": "text/csv; charset=utf-8",
         ".xml": "application/xml"}


def response(status, content_type, body, modified=""):
    head = (f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n{modified}"
            "Connection: keep-alive\r\n\r\n")
    return head.encode("ascii") + body


answers = {}
for folder, _, files in os.walk(root):
    for name in files:
        path = os.path.join(folder, name)
        url = "/" + os.path.relpath(path, root).replace(os.sep, "/")
        with open(path, "rb") as f:
            body = f.read()
        modified = f"Last-Modified: {email.utils.formatdate(os.path.getmtime(path), usegmt=True)}\r\n"
        answer = response("200 OK", types.get(os.path.splitext(name)[1], "application/octet-stream"), body, modified)
        answers[url] = answer
        if name == "index.html":
            answers[url[: -len("index.html")]] = answer
not_found = response("404 Not Found", "text/plain", b"not found")


class Connection(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport
        self.buffer = b""

    def data_received(self, data):
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            request, self.buffer = self.buffer[:end], self.buffer[end + 4:]
            parts = request.split(b" ", 2)
            path = parts[1].decode("latin-1").split("?", 1)[0] if len(parts) > 1 else "/"
            self.transport.write(answers.get(path, not_found))


async def main():
    server = await asyncio.get_running_loop().create_server(Connection, "127.0.0.1", port, backlog=256)
    print(f"serving on {server.sockets[0].getsockname()[1]} ({len(answers)} answers in memory)", flush=True)
    await server.serve_forever()

asyncio.run(main())
