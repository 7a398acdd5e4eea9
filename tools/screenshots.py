#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Screenshots of the main screens, as each demo role sees them, for the README.

    python3 tools/screenshots.py --url http://127.0.0.1:8069 --db ht_demo [--out docs/screenshots]

Needs a running Odoo with the demo data (demo users' password = login) and Debian's
chromium. Each shot logs in as its user (JSON-RPC), hands the session cookie to a
headless chromium over the DevTools protocol, opens the page, waits for the web client
to settle and writes a PNG: desktop 1440×900, phone 390×844.
"""

import argparse
import base64
import json
import subprocess
import tempfile
import time
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import websocket

DESKTOP = (1440, 900)
PHONE = (390, 844)

# (file name, login, path, viewport)
SHOTS = [
    ("caseworker-home", "caseworker", "/odoo/action-ht_case_management.ht_home_action", DESKTOP),
    ("caseworker-cases", "caseworker", "/odoo/action-ht_case_management.ht_case_action", DESKTOP),
    ("caseworker-case", "caseworker", "/odoo/action-ht_case_management.ht_case_action/1", DESKTOP),
    (
        "caseworker-case-phone",
        "caseworker",
        "/odoo/action-ht_case_management.ht_case_action/1",
        PHONE,
    ),
    ("supervisor-home", "supervisor", "/odoo/action-ht_case_management.ht_home_action", DESKTOP),
    ("coordinator-home", "coordinator", "/odoo/action-ht_case_management.ht_home_action", DESKTOP),
    (
        "coordinator-gap-map",
        "coordinator",
        "/odoo/action-ht_referral_network.ht_gap_report_action",
        DESKTOP,
    ),
    ("volunteer-home", "volunteer", "/odoo/action-ht_case_management.ht_home_action", DESKTOP),
    ("consents", "caseworker", "/odoo/action-ht_consent.ht_consent_action", DESKTOP),
    ("partner-referrals-phone", "shelter", "/my/referrals", PHONE),
    ("member-network", "member", "/my/network", DESKTOP),
]


def session_cookie(url, db, login):
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    body = json.dumps(
        {"jsonrpc": "2.0", "params": {"db": db, "login": login, "password": login}}
    ).encode()
    request = urllib.request.Request(
        f"{url}/web/session/authenticate", body, {"Content-Type": "application/json"}
    )
    answer = json.loads(opener.open(request).read())
    if answer.get("error"):
        raise SystemExit(f"{login}: {answer['error']['data']['message']}")
    return next(c.value for c in jar if c.name == "session_id")


class Browser:
    def __init__(self, port=9333):
        self.profile = tempfile.TemporaryDirectory()
        self.process = subprocess.Popen(
            [
                "chromium",
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                f"--remote-debugging-port={port}",
                f"--user-data-dir={self.profile.name}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _attempt in range(50):
            try:
                tabs = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/json").read())
                page = next(t for t in tabs if t["type"] == "page")
                break
            except (OSError, StopIteration):
                time.sleep(0.2)
        else:
            raise SystemExit("chromium did not start")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                return message.get("result", {})

    def shot(self, url, cookie, viewport, path):
        host = urllib.request.urlparse(url).hostname
        self.call("Network.enable")
        self.call("Network.clearBrowserCookies")
        self.call("Network.setCookie", name="session_id", value=cookie, domain=host, path="/")
        width, height = viewport
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=viewport == PHONE,
        )
        self.call("Page.navigate", url=url)
        for _attempt in range(60):  # the web client is ready when no request is pending
            time.sleep(0.5)
            state = self.call(
                "Runtime.evaluate",
                expression="document.readyState === 'complete' && "
                "!!document.querySelector('.o_action_manager .o_action, .o_portal_wrap')",
                returnByValue=True,
            )
            if state.get("result", {}).get("value"):
                break
        time.sleep(1.5)
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self):
        self.ws.close()
        self.process.terminate()
        self.process.wait()
        self.profile.cleanup()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", required=True)
    parser.add_argument(
        "--out", default=str(Path(__file__).resolve().parent.parent / "docs" / "screenshots")
    )
    parser.add_argument("-k", dest="only", help="only shots whose name contains this")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    browser = Browser()
    try:
        cookies = {}
        for name, login, path, viewport in SHOTS:
            if args.only and args.only not in name:
                continue
            if login not in cookies:
                cookies[login] = session_cookie(args.url, args.db, login)
            browser.shot(args.url + path, cookies[login], viewport, out / f"{name}.png")
            print(out / f"{name}.png")
    finally:
        browser.close()


if __name__ == "__main__":
    main()
