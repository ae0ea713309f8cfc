#!/usr/bin/env python3
"""Serves folder ROOT on 127.0.0.1:PORT with a thread per connection, HTTP/1.1 keep-alive, quietly."""
import functools
import http.server
import sys

root, port = sys.argv[1], int(sys.argv[2])


class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=root))
print(f"serving on {server.server_address[1]}", flush=True)
server.serve_forever()
