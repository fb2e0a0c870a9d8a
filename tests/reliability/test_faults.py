"""Faults around the warehouse file, each on real files and a real `prakerja-etl run`: a WAL a
killed writer left, a corrupt block, a symlinked warehouse path, a full disk."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from prakerja_etl.warehouse.connection import DUCKDB_CONFIG

REPO = Path(__file__).resolve().parents[2]
_BLOCK_SIZE, _HEADERS = 262144, 3 * 4096   # DuckDB's file layout: three 4 KiB headers, then blocks


# An article the warehouse has not seen: a run with it has something to load and publish.
NEW_ARTICLE = "Kabar program\nSenin, 2 Januari 2023\nPenerima Kartu Prakerja di desa itu 120 orang.\n"

def cli(raw: Path, warehouse: Path | str, api_url: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`prakerja-etl run` as its own process against the test session's Prefect server."""
    environment = dict(os.environ, PREFECT_API_URL=api_url, PRAKERJA_WORKERS="1", **env)
    return subprocess.run([sys.executable, "-m", "prakerja_etl.cli", "run", "--raw-dir", str(raw),
                           "--warehouse", str(warehouse)], env=environment, capture_output=True, text=True,
                          timeout=300)


def figures(warehouse: Path) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute("SELECT source_file, value, unit, metric, char_start FROM figures "
                           "ORDER BY ALL").fetchall()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def published(ingest: Any, raw_dir: Path, tmp_path: Path) -> Path:
    """A warehouse holding the dev articles, published twice (so a last good copy exists)."""
    warehouse = tmp_path / "w.duckdb"
    for _ in range(2):
        ingest(raw_dir=str(raw_dir), warehouse_path=str(warehouse))
    return warehouse


@pytest.fixture
def writer(published: Path) -> Iterator[subprocess.Popen[str]]:
    """Another program holding the warehouse read-write, having committed a table of its own."""
    program = ("import duckdb, sys, time\n"
               f"con = duckdb.connect(sys.argv[1], config={DUCKDB_CONFIG!r})\n"
               "con.execute('CREATE TABLE analyst_notes AS SELECT 42 AS n')\n"
               "print('ready', flush=True)\n"
               "time.sleep(600)\n")
    process = subprocess.Popen([sys.executable, "-c", program, str(published)], stdout=subprocess.PIPE,
                               text=True)
    assert process.stdout is not None and process.stdout.readline() == "ready\n"
    yield process
    process.kill()
    process.wait()


def test_a_wal_left_by_a_killed_writer_is_checkpointed_not_blamed(
        published: Path, writer: subprocess.Popen[str], raw_dir: Path, prefect_api_url: str) -> None:
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    wal = published.with_name("w.duckdb.wal")
    assert wal.exists()

    done = cli(raw_dir, published, prefect_api_url)
    assert done.returncode == 0, done.stderr
    assert not wal.exists()
    with duckdb.connect(str(published), read_only=True) as con:   # what the killed writer committed is kept
        assert con.execute("SELECT n FROM analyst_notes").fetchall() == [(42,)]


def test_a_writer_still_running_is_waited_for_then_named(published: Path, writer: subprocess.Popen[str],
                                                         raw_dir: Path, prefect_api_url: str) -> None:
    before = sha(published)
    done = cli(raw_dir, published, prefect_api_url, PRAKERJA_LOCK_WAIT_SECONDS="1")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"prakerja-etl: warehouse {published} is held by another process (DuckDB allows one writer); "
        "close the other connection or wait for the run to finish"]
    assert sha(published) == before


def corrupt_a_block_of(warehouse: Path, table: str) -> None:
    """Flip bytes inside a block holding `table`'s data, as a failing disk would."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        block = con.execute("SELECT max(block_id) FROM pragma_storage_info(?) WHERE block_id >= 0",
                            [table]).fetchall()[0][0]
    with open(warehouse, "r+b") as handle:
        handle.seek(_HEADERS + block * _BLOCK_SIZE + 4096)
        data = handle.read(64)
        handle.seek(_HEADERS + block * _BLOCK_SIZE + 4096)
        handle.write(bytes(b ^ 0xFF for b in data))


def test_a_corrupt_warehouse_is_not_published_and_the_last_good_copy_restores_it(
        published: Path, raw_dir: Path, prefect_api_url: str) -> None:
    good = figures(published)
    corrupt_a_block_of(published, "figures")
    before = sha(published)

    done = cli(raw_dir, published, prefect_api_url)
    assert done.returncode == 2
    [line] = done.stderr.strip().splitlines()
    last_good = published.with_name("w.duckdb.last-good")
    assert line.startswith(f"prakerja-etl: warehouse {published} has a corrupt block (")
    assert line.endswith(f"it was not published again: restore the last good copy (cp {last_good} "
                         f"{published}) and run again: the run reloads what was loaded after it")
    assert sha(published) == before
    assert not published.with_name("w.duckdb.staging").exists()

    shutil.copyfile(last_good, published)   # what the line says to do
    done = cli(raw_dir, published, prefect_api_url)
    assert done.returncode == 0, done.stderr
    assert figures(published) == good


def test_a_symlinked_warehouse_stays_a_link_and_its_target_is_replaced(
        ingest: Any, raw_dir: Path, tmp_path: Path, prefect_api_url: str) -> None:
    (tmp_path / "disk").mkdir()
    target, link = tmp_path / "disk" / "prakerja.duckdb", tmp_path / "current.duckdb"
    link.symlink_to(target)
    for n in range(2):   # the first run creates the target, the second (with a new file) replaces it
        (raw_dir / "articles" / f"baru-{n}.txt").write_text(NEW_ARTICLE, encoding="utf-8")
        done = cli(raw_dir, link, prefect_api_url)
        assert done.returncode == 0, done.stderr
        assert link.is_symlink() and link.resolve() == target
    assert figures(link)
    assert sorted(p.name for p in (tmp_path / "disk").iterdir()) == [   # the run's files beside the target
        "prakerja.duckdb", "prakerja.duckdb.last-good", "prakerja.duckdb.lock"]
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith("current.duckdb.")
                and not p.name.endswith(".procs")]   # (the watchdog's record goes once it has looked)


def _can_mount_tmpfs() -> bool:
    probe = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                            "mount -t tmpfs -o size=64k tmpfs /mnt"], capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(shutil.which("unshare") is None or not _can_mount_tmpfs(),
                    reason="needs unshare and user namespaces to mount a small tmpfs without root")
@pytest.mark.parametrize("room", ["no room for the copy", "no room for the new batches"])
def test_a_full_disk_removes_the_staging_copy_with_one_line(room: str, published: Path, raw_dir: Path,
                                                            tmp_path: Path, prefect_api_url: str) -> None:
    """The warehouse on a small tmpfs (mounted in a user namespace): the run's copy, or the
    batches loaded into it, do not fit."""
    size = published.stat().st_size
    if room == "no room for the copy":   # and one new article to load (with none, nothing is copied)
        mount_size = size + 256 * 1024
        (raw_dir / "articles" / "baru.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    else:   # the copy fits; 400 more articles do not
        mount_size = 2 * size + 1024 * 1024
        subprocess.run([sys.executable, str(REPO / "benchmarks" / "generate.py"), str(raw_dir), "-n", "400"],
                       check=True, capture_output=True)
    disk, out = tmp_path / "disk", tmp_path / "out"
    disk.mkdir()
    out.mkdir()
    run = f'"{sys.executable}" -m prakerja_etl.cli run --raw-dir "{raw_dir}" --warehouse "{disk}/w.duckdb"'
    script = (f'mount -t tmpfs -o size={mount_size} tmpfs "{disk}" && cp "{published}" "{disk}/w.duckdb" && '
              f'{{ {run} 2> "{out}/err"; echo $? > "{out}/rc"; }}; ls -a "{disk}" > "{out}/ls"; '
              f'cp "{disk}/w.duckdb" "{out}/after.duckdb"')
    env = dict(os.environ, PREFECT_API_URL=prefect_api_url, PRAKERJA_WORKERS="1")
    subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script], env=env,
                   check=True, timeout=300)

    assert (out / "rc").read_text().strip() == "2"
    assert (out / "err").read_text().strip().splitlines() == [
        f"prakerja-etl: no space left on the device of {disk}; the run's copy was removed and the published "
        "warehouse is unchanged: free space (a run needs about twice the warehouse's size) and run again"]
    left = set((out / "ls").read_text().split())
    assert not {name for name in left if ".staging" in name}
    assert sha(out / "after.duckdb") == sha(published)
