"""The official statistics: facts of the real files, their quirks, bad input, and the URL source."""

from __future__ import annotations

import json
import socket
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from conftest import serving as serve_http
from prakerja_etl.errors import ConfigError, TransientError, UnreadableInput
from prakerja_etl.schemas import DataQualityRow, OfficialProvinceTotalRow, OfficialRecipientRow
from prakerja_etl.sources.official import (
    OFFICIAL_FILES,
    OfficialExtraction,
    OfficialSource,
    OfficialSourceFailing,
    OfficialSourceUnreachable,
    fetch_official,
    load_json,
    parse_count,
    parse_official,
)

OFFICIAL = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "official"
PAPUA = {"91", "92", "93", "94", "95", "96"}


@pytest.fixture(scope="module")
def real_files() -> dict[str, bytes]:
    """The published files, read from the shared corpus (never copied into the repo)."""
    if not (OFFICIAL / "all_kabupaten_kota.json").is_file():
        pytest.skip(f"official statistics not found at {OFFICIAL}")
    return fetch_official(OFFICIAL)


@pytest.fixture(scope="module")
def real(real_files: dict[str, bytes]) -> OfficialExtraction:
    return parse_official(real_files)


def findings(extraction: OfficialExtraction, check: str) -> list[dict[str, Any]]:
    return [q for q in extraction.quality if q["check_name"] == check]


def raw_count(value: int | str) -> int:
    """An independent reading of a published count, to check the parser against."""
    return int(str(value).replace(",", ""))


# --- facts of the real files ---------------------------------------------------------------


def test_folder_source_reads_all_five_files(real_files: dict[str, bytes]) -> None:
    assert sorted(real_files) == sorted(OFFICIAL_FILES)


def test_514_regencies_each_with_five_years(real: OfficialExtraction) -> None:
    regencies = {row["regency_code"] for row in real.recipients}
    assert len(regencies) == 514
    assert len(real.recipients) == 514 * 5
    assert Counter(row["year"] for row in real.recipients) == {y: 514 for y in range(2020, 2025)}
    assert real.problems == []


def test_2020_total_is_5_987_674(real: OfficialExtraction) -> None:
    assert sum(r["recipients"] for r in real.recipients if r["year"] == 2020) == 5_987_674
    published_2020 = [t for t in real.province_totals if t["year"] == 2020]
    assert len(published_2020) == 38
    assert sum(t["recipients"] for t in published_2020) == 5_987_674
    assert findings(real, "national_year_total_mismatch") == []


def test_each_year_total_equals_its_column_sum(real: OfficialExtraction,
                                               real_files: dict[str, bytes]) -> None:
    entries = json.loads(real_files["all_kabupaten_kota.json"])
    for year in range(2020, 2025):
        column = sum(raw_count(e[f"RPL_{year}"]) for e in entries)
        assert sum(r["recipients"] for r in real.recipients if r["year"] == year) == column


def test_comma_thousands_are_parsed(real: OfficialExtraction) -> None:
    serdang = {r["year"]: r["recipients"] for r in real.recipients if r["regency_code"] == "41"}
    assert serdang == {2020: 7838, 2021: 9649, 2022: 16781, 2023: 5182, 2024: 9724}
    [note] = findings(real, "count_as_text")
    assert note["severity"] == "info"


def test_regency_totals_agree_with_their_years(real: OfficialExtraction) -> None:
    assert findings(real, "regency_total_mismatch") == []
    assert findings(real, "regency_total_unreadable") == []


def test_one_off_difference_between_the_two_files_is_reported(real: OfficialExtraction) -> None:
    [row] = findings(real, "grand_total_mismatch")
    assert row["severity"] == "warning"
    assert (row["expected"], row["observed"]) == ("19867589", "19867588")
    assert "19,867,589" in row["detail"] and "19,867,588" in row["detail"]
    assert sum(r["recipients"] for r in real.recipients) == 19_867_589
    all_years = [t for t in real.province_totals if t["year"] is None]
    assert len(all_years) == 38
    assert sum(t["recipients"] for t in all_years) == 19_867_588


def test_province_differences_are_jakarta_by_one_and_the_papua_split(real: OfficialExtraction) -> None:
    by_code = {province_code(q): q for q in findings(real, "province_total_mismatch")}
    assert set(by_code) == {"31"} | PAPUA
    assert (by_code["31"]["expected"], by_code["31"]["observed"]) == ("1361147", "1361146")
    assert all("together agree (104,732)" in by_code[c]["detail"] for c in PAPUA)
    in_2020 = {province_code(q) for q in findings(real, "province_year_total_mismatch")}
    assert in_2020 == PAPUA


def province_code(row: dict[str, Any]) -> str:
    """The code in a per-province finding's detail ("Papua (91): …")."""
    return row["detail"].split("(", 1)[1][:2]


def test_province_names_mapped_to_the_reference_and_published_name_kept(real: OfficialExtraction) -> None:
    babel = {(r["province_name"], r["province_name_published"])
             for r in real.recipients if r["province_code"] == "19"}
    assert babel == {("Kepulauan Bangka Belitung", "Kep. Bangka Belitung")}
    yogya = {(t["province_name"], t["province_name_published"])
             for t in real.province_totals if t["province_code"] == "34"}
    assert yogya == {("DI Yogyakarta", "Daerah Istimewa Yogyakarta")}


def test_each_name_variant_is_reported_once(real: OfficialExtraction) -> None:
    variants = {q["observed"]: q for q in findings(real, "province_name_variant")}
    assert set(variants) == {"Kep. Bangka Belitung", "Daerah Istimewa Yogyakarta"}
    assert variants["Daerah Istimewa Yogyakarta"]["expected"] == "DI Yogyakarta"
    assert all(q["severity"] == "info" for q in variants.values())
    assert "indonesia-all.json" in variants["Kep. Bangka Belitung"]["detail"]
    assert findings(real, "province_name_code_mismatch") == []


def test_mapping_file_disagrees_only_on_13_split_papua_regencies(real: OfficialExtraction) -> None:
    rows = findings(real, "regency_mapping_mismatch")
    assert len(rows) == 13
    assert all(r["observed"].split(" / ")[1] in {"91", "92"} for r in rows)
    assert all(r["expected"].split(" / ")[1] in PAPUA - {"91", "92"} for r in rows)
    assert findings(real, "regency_missing_from_mapping") == []
    assert findings(real, "regency_only_in_mapping") == []


def test_rows_satisfy_their_models(real: OfficialExtraction) -> None:
    recipients = OfficialRecipientRow.validate(pd.DataFrame(real.recipients))
    assert set(recipients.columns) >= {"regency_code", "regency_name", "province_code", "province_name",
                                       "year", "recipients", "source_file"}
    OfficialProvinceTotalRow.validate(pd.DataFrame(real.province_totals))
    DataQualityRow.validate(pd.DataFrame(real.quality))


def test_every_model_field_has_a_description() -> None:
    for model in (OfficialRecipientRow, OfficialProvinceTotalRow, DataQualityRow):
        for name, column in model.to_schema().columns.items():
            assert column.description, f"{model.__name__}.{name} has no description"


# --- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [
    (938, 938), ("49,174", 49174), ("1,234,567", 1234567), (" 12 ", 12), (0, 0), (7.0, 7),
])
def test_parse_count_accepts_published_forms(value: Any, expected: int) -> None:
    assert parse_count(value) == expected


@pytest.mark.parametrize("value", ["4.069", "49,17", "n/a", "", None, -1, 2.5, True, "-5"])
def test_parse_count_refuses_what_is_not_a_count(value: Any) -> None:
    with pytest.raises(ValueError, match="is not a count of persons"):
        parse_count(value)


def regency(code: int, province: int = 12, name: str = "Sumatera Utara", **counts: Any) -> dict[str, Any]:
    """A regency entry shaped like all_kabupaten_kota.json (100 per year unless given)."""
    years = {f"RPL_{y}": counts.get(f"RPL_{y}", 100) for y in range(2020, 2025)}
    total = counts.get("TOTAL", "500")
    return {"KOTA_KABUPATEN_ID": code, "KOTA_KABUPATEN": f"Kabupaten {code}", "PROVINCE_CODE": province,
            "PROVINSI": name, "TOTAL": total, **years}


def write_regencies(folder: Path, entries: list[dict[str, Any]]) -> dict[str, bytes]:
    """Write a small all_kabupaten_kota.json and read it back through the folder source."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "all_kabupaten_kota.json").write_text(json.dumps(entries), encoding="utf-8")
    return fetch_official(folder)


def test_bad_json_makes_the_file_unusable_with_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "all_kabupaten_kota.json").write_bytes(b'[{"KOTA_KABUPATEN_ID": 1,,}]')
    result = parse_official(fetch_official(tmp_path))
    assert result.problems == []
    [(source_file, reason)] = result.unusable.items()
    assert source_file == "all_kabupaten_kota.json"
    assert reason.startswith("all_kabupaten_kota.json: not valid JSON (line 1, column")
    assert result.recipients == []


def test_load_json_raises_unreadable_input_for_a_non_list() -> None:
    with pytest.raises(UnreadableInput, match="expected a JSON list of objects"):
        load_json("indonesia-all.json", b'{"name": "Aceh"}')
    with pytest.raises(UnreadableInput, match="not UTF-8"):
        load_json("indonesia-all.json", b'["\xff\xfe\x00"]')


def test_a_non_numeric_count_is_quarantined_and_the_rest_loaded(tmp_path: Path) -> None:
    entries = [regency(1, RPL_2021="n/a"), regency(2, RPL_2020="1,000", TOTAL="1,400")]
    files = write_regencies(tmp_path, entries)
    result = parse_official(files)
    [(reason, payload)] = result.problems
    assert "regency 1 (Kabupaten 1), 2021: RPL_2021 'n/a' is not a count of persons" in reason
    assert payload is not None
    expected = {"source_file": "all_kabupaten_kota.json", "regency_code": "1", "year": 2021,
                "recipients_published": "n/a"}
    assert expected.items() <= json.loads(payload).items()
    assert len(result.recipients) == 9
    assert {(r["regency_code"], r["year"]) for r in result.recipients if r["regency_code"] == "1"} == {
        ("1", y) for y in (2020, 2022, 2023, 2024)}
    assert findings(result, "regency_total_mismatch") == []


def test_a_total_that_is_not_the_sum_of_its_years_is_reported(tmp_path: Path) -> None:
    result = parse_official(write_regencies(tmp_path, [regency(7, TOTAL="501")]))
    [row] = findings(result, "regency_total_mismatch")
    assert (row["severity"], row["expected"], row["observed"]) == ("warning", "500", "501")
    assert result.problems == []


def test_unknown_province_code_is_quarantined(tmp_path: Path) -> None:
    result = parse_official(write_regencies(tmp_path, [regency(3, province=99, name="Atlantis")]))
    [(reason, _)] = result.problems
    assert "PROVINCE_CODE 99 is not in the province reference" in reason
    assert result.recipients == []


def test_a_province_name_that_contradicts_its_code_is_reported(tmp_path: Path) -> None:
    result = parse_official(write_regencies(tmp_path, [regency(4, province=12, name="Jawa Barat")]))
    [row] = findings(result, "province_name_code_mismatch")
    assert (row["expected"], row["observed"]) == ("Sumatera Utara", "Jawa Barat")
    assert {r["province_name"] for r in result.recipients} == {"Sumatera Utara"}


def test_missing_files_are_reported_not_fatal(tmp_path: Path) -> None:
    result = parse_official(fetch_official(tmp_path))
    missing = {q["source_file"]: q["severity"] for q in findings(result, "file_missing")}
    assert missing["all_kabupaten_kota.json"] == "error"
    assert missing["indonesia-all.json"] == "warning"
    assert result.recipients == [] and result.problems == []


def test_keys_with_a_folder_are_used_as_source_file(tmp_path: Path) -> None:
    files = write_regencies(tmp_path, [regency(5)])
    result = parse_official({f"official/{name}": data for name, data in files.items()})
    assert {r["source_file"] for r in result.recipients} == {"official/all_kabupaten_kota.json"}


def test_source_configuration(tmp_path: Path) -> None:
    assert OfficialSource.from_setting(None, tmp_path).location == str(tmp_path / "official")
    assert OfficialSource.from_setting("https://example.org/data", tmp_path).is_url
    with pytest.raises(ConfigError, match="does not exist; pass --official-source"):
        fetch_official(tmp_path / "nowhere")
    with pytest.raises(ConfigError, match="only http"):
        fetch_official("ftp://example.org/data")


# --- the URL source, against a local server ------------------------------------------------


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests to 127.0.0.1 must not be sent to a proxy configured in the environment."""
    for key in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(key, raising=False)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A folder `official/` with small versions of the five files."""
    folder = tmp_path / "official"
    write_regencies(folder, [regency(1), regency(2, RPL_2024="1,100", TOTAL="1,500")])
    for name in OFFICIAL_FILES[1:]:
        (folder / name).write_text("[]", encoding="utf-8")
    return folder


def handler_for(folder: Path, *, fail_first: int = 0, status: int = 500,
                delay: float = 0.0) -> type[SimpleHTTPRequestHandler]:
    """A handler serving folder's parent, answering `status` to the first requests of each path."""
    seen: Counter[str] = Counter()

    class Handler(SimpleHTTPRequestHandler):
        requests = seen

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(folder.parent), **kwargs)

        def do_GET(self) -> None:
            seen[self.path] += 1
            time.sleep(delay)
            try:
                if seen[self.path] <= fail_first:
                    self.send_error(status)
                else:
                    super().do_GET()
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting (the timeout test): nothing to answer

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@contextmanager
def serving(handler: type[SimpleHTTPRequestHandler]) -> Iterator[str]:
    """A real HTTP server on 127.0.0.1; yields the base URL of `official/`."""
    with serve_http(handler) as base:
        yield f"{base}/official"


def test_url_source_fetches_the_same_bytes_as_the_folder(site: Path) -> None:
    with serving(handler_for(site)) as url:
        fetched = fetch_official(url, timeout=5)
    assert fetched == fetch_official(site)
    assert len(parse_official(fetched).recipients) == 10


def test_server_errors_are_retried_with_backoff(site: Path) -> None:
    handler = handler_for(site, fail_first=2)
    with serving(handler) as url:
        fetched = fetch_official(url + "/", timeout=5, retries=3, backoff=0.01)
    assert fetched == fetch_official(site)
    assert set(handler.requests.values()) == {3}


def test_a_failing_server_ends_in_a_transient_error(site: Path) -> None:
    handler = handler_for(site, fail_first=99, status=503)
    with serving(handler) as url, pytest.raises(OfficialSourceFailing) as caught:
        fetch_official(url, timeout=5, retries=2, backoff=0.01)
    assert isinstance(caught.value, TransientError)
    assert "answered HTTP 503" in str(caught.value) and "(3 attempts)" in str(caught.value)
    assert handler.requests == {"/official/all_kabupaten_kota.json": 3}


def test_a_client_error_is_terminal_and_not_retried(site: Path) -> None:
    (site / "data-statistik.json").unlink()
    handler = handler_for(site)
    with serving(handler) as url, pytest.raises(ConfigError, match="answered HTTP 404") as caught:
        fetch_official(url, timeout=5, retries=3, backoff=0.01)
    assert not isinstance(caught.value, TransientError)
    assert handler.requests["/official/data-statistik.json"] == 1


def test_offline_gives_one_clear_line(site: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Nothing listens on the port now: connecting is refused, as when offline.
    with pytest.raises(OfficialSourceUnreachable) as caught:
        fetch_official(f"http://127.0.0.1:{port}/official", timeout=2, retries=1, backoff=0.01)
    message = str(caught.value)
    assert isinstance(caught.value, TransientError)
    assert message.startswith(f"cannot reach http://127.0.0.1:{port}/official/all_kabupaten_kota.json: ")
    assert message.endswith("check the network or point the official source at a folder with "
                            "--official-source DIR")
    assert "\n" not in message


def test_a_slow_server_times_out_as_unreachable(site: Path) -> None:
    handler = handler_for(site, delay=1.0)
    with serving(handler) as url, pytest.raises(OfficialSourceUnreachable, match="cannot reach"):
        fetch_official(url, timeout=0.2, retries=1, backoff=0.01)
    assert handler.requests["/official/all_kabupaten_kota.json"] == 2
