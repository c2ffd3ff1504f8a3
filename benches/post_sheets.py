"""Uploads fact sheets one by one to a writable `factgraph serve` (POST /api/articles) over one
keep-alive connection, and prints one JSON line: how many, how long, how many failed.

usage: post_sheets.py BASE_URL TOKEN_FILE DIR
"""

import http.client
import json
import os
import sys
import time
from urllib.parse import urlsplit


def main():
    base, token_file, folder = sys.argv[1:4]
    token = open(token_file).read().strip()
    url = urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=600)
    files = sorted(
        os.path.join(root, name)
        for root, _, names in os.walk(folder)
        for name in names
        if name.endswith(".json")
    )
    started = time.perf_counter()
    failed = 0
    for path in files:
        with open(path, "rb") as sheet:
            body = sheet.read()
        connection.request(
            "POST",
            "/api/articles",
            body=body,
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
        )
        response = connection.getresponse()
        response.read()
        if response.status not in (200, 201):
            failed += 1
    seconds = time.perf_counter() - started
    print(json.dumps({"sheets": len(files), "failed": failed, "seconds": round(seconds, 2),
                      "sheets_per_second": round(len(files) / seconds, 1)}))


if __name__ == "__main__":
    main()
