"""Bad user files and settings: every one is a single line and exit status 2, never a crash or a blow-up."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from zotero_cw.cli import main
from zotero_cw.errors import UserError
from zotero_cw.userdata import parse_yaml, read_text
from zotero_cw.zotero.config import load_config, redact

ROOT = Path(__file__).resolve().parent.parent
# "billion laughs" with YAML anchors: nine levels of nine aliases, about 10^9 strings once expanded
BOMB = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n" + "".join(
    f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True))
DOC = "A sentence.¹\n\n1. RGASPI, F. 84, Op. 3, D. 36, L. 12.\n"


def run_cli(args: list[str], env: dict[str, str] | None = None, tmp: Path | None = None) -> subprocess.CompletedProcess:
    """The real command in a child process held to 1 GB of memory, so a regression cannot eat the machine."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    full_env = {**os.environ, "ZOTERO_CW_CONFIG": str((tmp or ROOT) / "no-config.yaml"), **(env or {})}
    full_env.pop("ZOTERO_CW_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "zotero_cw", *args], capture_output=True, text=True,
                          timeout=120, env=full_env, preexec_fn=limit, cwd=tmp or ROOT)


def one_line_error(proc: subprocess.CompletedProcess, *words: str) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-500:])
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("zotero-cw: error: "), proc.stderr[-500:]
    for w in words:
        assert w in lines[0], (w, lines[0])


@pytest.fixture
def doc(tmp_path):
    p = tmp_path / "article.txt"
    p.write_text(DOC, encoding="utf-8")
    return p


def test_alias_bomb_in_an_archive_registry_is_refused_in_one_line(tmp_path, doc):
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("archives:\n  - acronym: X\n    name: *i\n".replace("*i", "x") + BOMB)
    one_line_error(run_cli(["extract", str(doc), "-o", str(tmp_path / "out"), "--archives", str(bomb)],
                           tmp=tmp_path), "aliases", str(bomb))
    named = tmp_path / "named.yaml"  # the bomb as an archive's name, through the environment variable
    named.write_text(BOMB.replace("a: &a", "x0: &a") + "archives:\n  - acronym: X\n    name: *i\n")
    one_line_error(run_cli(["extract", str(doc), "-o", str(tmp_path / "out")],
                           env={"ZOTERO_CW_ARCHIVES": str(named)}, tmp=tmp_path), "aliases")


@pytest.mark.parametrize("body,words", [
    ("archives:\n  - acronym: X\n    name: Some Archive\n    aliases: 5\n", ["'aliases'", "list of names"]),
    ("archives:\n  - acronym: 1945\n    name: Some Archive\n", ["'acronym'", "must be text", '"1945"']),
    ("archives:\n  - acronym: SA\n    name: 12\n", ["'name'", "must be text"]),
    ("archives:\n  - acronym: SA\n    name: [a, b]\n", ["'name'", "must be text"]),
    ("archives:\n  - SA\n", ["entry 1", "mapping"]),
    ("archives:\n  - acronym: SA\n    name: x\n  - acronym: SA\n    acronym: SB\n    name: y\n", ["duplicate key"]),
    ("archives: {acronym: SA}\n", ["'archives:' list"]),
    ("archives:\n  - acronym: [SA\n", ["not valid YAML", "line"]),
    ("archives:\n" + "  " * 5 + "[" * 200 + "]" * 200 + "\n", ["nested more than"]),
])
def test_wrong_values_in_an_archive_registry_are_one_line(tmp_path, doc, body, words, capsys):
    f = tmp_path / "reg.yaml"
    f.write_text(body, encoding="utf-8")
    assert main(["extract", str(doc), "-o", str(tmp_path / "out"), "--archives", str(f)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("zotero-cw: error: ") and "internal error" not in err
    for w in words:
        assert w in err, (w, err)


def test_latin1_binary_huge_and_missing_registry_files(tmp_path, doc, capsys):
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("archives:\n  - acronym: AMAE\n    name: Archives du minist\u00e8re\n".encode("latin-1"))
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00")
    huge = tmp_path / "huge.yaml"
    huge.write_bytes(b"# " + b"x" * (5 * 1024 * 1024) + b"\n")
    cases = [(latin, "not UTF-8 (byte 0xe8 on line 3)"), (binary, "binary file"), (huge, "larger than 4 MB"),
             (tmp_path / "missing.yaml", "not found"), (tmp_path, "is a directory")]
    for path, words in cases:
        assert main(["extract", str(doc), "-o", str(tmp_path / "out"), "--archives", str(path)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and words in err and "internal error" not in err, err


def config_run(tmp_path: Path, cfg: Path, *extra: str) -> subprocess.CompletedProcess:
    lib = tmp_path / "lib"
    lib.mkdir(exist_ok=True)
    (lib / "library.json").write_text('{"format": 1, "items": [], "clusters": []}')
    return run_cli(["sync", "--library", str(lib), "--group", "1", "--config", str(cfg), *extra],
                   env={"ZOTERO_API_KEY": ""}, tmp=tmp_path)


def test_alias_bomb_as_the_api_key_is_refused(tmp_path):
    cfg = tmp_path / "config.yaml"
    cfg.write_text(BOMB + "api_key: *i\n")
    cfg.chmod(0o600)
    one_line_error(config_run(tmp_path, cfg), "aliases", str(cfg))


def test_config_that_is_a_directory_binary_or_latin1(tmp_path):
    as_dir = tmp_path / "cfgdir"
    as_dir.mkdir()
    one_line_error(config_run(tmp_path, as_dir), "is a directory")
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"api_key: \x00\x01\x02\xff\xfe")
    binary.chmod(0o600)
    one_line_error(config_run(tmp_path, binary), "binary")
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("api_key: abc\ngroup: 1\n# cl\u00e9 du groupe\n".encode("latin-1"))
    latin.chmod(0o600)
    one_line_error(config_run(tmp_path, latin), "not UTF-8", "line 3")


def test_bad_endpoints_are_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv("ZOTERO_CW_CONFIG", str(tmp_path / "none.yaml"))
    for url, words in [("http://[::zz", "Invalid IPv6 URL"), ("http://127.0.0.1:99999", "Port out of range"),
                       ("ftp://example.org", "http(s) URL"), ("http:///zotero", "no host")]:
        with pytest.raises(UserError, match="not a valid URL|http\\(s\\) URL") as err:
            load_config(1, url, None, env={"ZOTERO_API_KEY": "k"})
        assert words in str(err.value)
    cfg = tmp_path / "c.yaml"
    cfg.write_text("api_key: abc\nendpoint: 'http://[::zz'\n")
    cfg.chmod(0o600)
    one_line_error(config_run(tmp_path, cfg), "--endpoint 'http://[::zz' is not a valid URL")


def test_wrong_types_and_unknown_settings_in_the_config(tmp_path):
    cfg = tmp_path / "c.yaml"
    cfg.touch(mode=0o600)
    for body, words in [("api_key: [a, b]\n", "api_key must be text"), ("apikey: abc\n", "unknown setting 'apikey'"),
                        ("group: [1]\napi_key: k\n", "group must be the numeric"), ("- a\n", "must be a mapping"),
                        ("api_key: 'a b'\ngroup: 2\n", "contains spaces"), ("group: -4\napi_key: k\n", "numeric group id")]:
        cfg.write_text(body)
        with pytest.raises(UserError, match=".") as err:
            load_config(None, None, cfg, env={})
        assert words in str(err.value), (body, err.value)


@pytest.mark.parametrize("mode", [0o620, 0o602, 0o666, 0o777])
def test_config_others_can_change_is_refused_with_the_chmod_to_run(tmp_path, mode):
    cfg = tmp_path / "config.yaml"
    cfg.write_text("api_key: abcdef\ngroup: 1\nendpoint: http://127.0.0.1:9\n")
    cfg.chmod(mode)
    with pytest.raises(UserError) as err:
        load_config(None, None, cfg, env={})
    assert f"run: chmod 600 {cfg}" in str(err.value) and "abcdef" not in str(err.value)
    cfg.chmod(0o600)
    assert load_config(None, None, cfg, env={}).api_key == "abcdef"
    cfg.chmod(0o644)  # readable but not writable by others: allowed, as ssh allows its config
    assert load_config(None, None, cfg, env={}).group_id == 1


def test_redact_takes_the_key_out_as_a_whole_token_only():
    assert redact("network error on n", "n") == "network error on <API key>"
    key = "P9xQ2mK7vR4sT8wZ1yB3nC6d"
    line = f"GET http://h/keys/{key}?key={key}&x=1 Authorization: Bearer {key} {key}x"
    out = redact(line, key)
    assert out == ("GET http://h/keys/<API key>?key=<API key>&x=1 Authorization: Bearer <API key> "
                   f"{key}x")  # a longer word that merely contains the key is not the key
    # any key-carrying header or query value goes, even one that is not the configured key
    assert redact("Zotero-API-Key: other123; Authorization: bearer zzz", key) == \
        "Zotero-API-Key: <API key>; Authorization: bearer <API key>"


@pytest.fixture(params=["libyaml", "pure-python"])
def loader(request, monkeypatch):
    """Both paths of the YAML loader: libyaml (when PyYAML has it) and the pure-Python fallback."""
    from zotero_cw import userdata

    if request.param == "pure-python":
        monkeypatch.setattr(userdata, "_CLoader", None)
    elif userdata._CLoader is None:
        pytest.fail("PyYAML without libyaml here: the libyaml path cannot be tested", pytrace=False)
    return request.param


def test_yaml_loader_refuses_aliases_but_reads_ordinary_yaml(tmp_path, loader):
    assert parse_yaml("a: &x 1\nb: [2, 3]\n", "t") == {"a": 1, "b": [2, 3]}  # an anchor alone is harmless
    with pytest.raises(UserError, match="aliases"):
        parse_yaml("a: &x 1\nb: *x\n", "t")
    with pytest.raises(UserError, match="aliases"):
        parse_yaml("base: &b {k: 1}\nother:\n  <<: *b\n", "t")  # merge keys are aliases too
    with pytest.raises(UserError, match="nested more than 32|nesting depth"):
        parse_yaml("a: " + "[" * 100_000 + "]" * 100_000, "t")
    with pytest.raises(UserError, match="line 2: duplicate key 'a'"):
        parse_yaml("a: 1\na: 2\n", "t")
    with pytest.raises(UserError, match="not valid YAML .*line 1"):
        parse_yaml("a: \x1f", "t")
    with pytest.raises(UserError, match="aliases"):
        parse_yaml(BOMB + "x: *i\n", "t")
    f = tmp_path / "bom.yaml"
    f.write_bytes(b"\xef\xbb\xbfkey: value\n")
    assert parse_yaml(read_text(f, "file"), "t") == {"key": "value"}
