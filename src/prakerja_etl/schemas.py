"""The data contracts: one Pandera model per warehouse table, the single source of truth.

The DuckDB DDL and the column comments are generated from these models
(`prakerja_etl.warehouse.ddl`). Units are stated in each field's description.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera import dtypes
from pandera.engines import pandas_engine
from pandera.typing import Series

from prakerja_etl.catalog import load_catalog
from prakerja_etl.text.provinces import load_provinces

UNITS = ["person", "percent", "rupiah", "count", "ordinal"]
SEVERITIES = ["info", "warning", "error"]
DIRECTIONS = ["most", "least"]
BASES = ["total", "to_date", "part", "superseded"]
AS_OF_PATTERN = r"^\d{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?$"
PERIOD_PATTERN = r"^\d{4}(?:-(?:0[1-9]|1[0-2]|S[12]|Q[1-4]))?$"
# More persons than Indonesia has (about 280 million): no count of recipients can be this large.
POPULATION_CEILING = 300_000_000


@pandas_engine.Engine.register_dtype
@dtypes.immutable(init=True)
class Text(pandas_engine.STRING):
    """pandas' string dtype, the type of every text column, checked once per column. Pandera's own
    string type answers element by element, which sends each valid column down its path for
    reporting failures: that was 40 % of validating a batch."""

    def check(self, pandera_dtype: dtypes.DataType,
              data_container: pd.Series[Any] | pd.DataFrame | None = None) -> bool:
        return bool(np.all(np.asarray(super().check(pandera_dtype, data_container))))


@lru_cache(maxsize=1)
def metric_units() -> dict[str, str]:
    """Catalog metric id → the unit its values are in."""
    return {m.metric: m.unit for m in load_catalog()}


@lru_cache(maxsize=1)
def province_codes() -> list[str]:
    return [p.code for p in load_provinces()]


# Check methods: pandera turns them into classmethods anyway; writing `@classmethod` under
# `@pa.check` (which accepts one) tells mypy so. They receive and return plain pandas Series.


def known_metric(metric: pd.Series[str]) -> pd.Series[bool]:
    """NULL or a catalog id: the check every table with a `metric` column shares."""
    return metric.isna() | metric.isin(list(metric_units()))


def known_province(code: pd.Series[str]) -> pd.Series[bool]:
    """NULL or a code of the province reference."""
    return code.isna() | code.isin(province_codes())


def unit_of_metric(df: pd.DataFrame) -> pd.Series[bool]:
    """A classified value is in its metric's unit."""
    return df["metric"].isna() | (df["metric"].map(metric_units()) == df["unit"])


class ArticleRow(pa.DataFrameModel):
    """One article file: `articles`."""

    article_id: Series[Text] = pa.Field(unique=True, description="Stable id of the article (hash of its path in the raw folder)")
    source_file: Series[Text] = pa.Field(unique=True, description="Path of the file, relative to the raw folder")
    content_sha256: Series[Text] = pa.Field(str_length={"min_value": 64, "max_value": 64}, description="SHA-256 of the file's bytes as loaded")
    outlet: Series[Text] = pa.Field(nullable=True, description="News outlet that published the article")
    dateline: Series[Text] = pa.Field(nullable=True, description="City in the article's dateline")
    event_date: Series[pa.DateTime] = pa.Field(nullable=True, description="Day of the reported event (date)")
    published_date: Series[pa.DateTime] = pa.Field(nullable=True, description="Publication day from the page timestamp (date)")
    author: Series[Text] = pa.Field(nullable=True, description="Author or reporter")
    title: Series[Text] = pa.Field(nullable=True, description="Headline, when the file has one")
    encoding: Series[Text] = pa.Field(description="Text encoding the file was decoded with")
    n_chars: Series[int] = pa.Field(ge=0, description="Length of the decoded text in characters; spans index into it")
    checks_claims: Series[bool] = pa.Field(description="The article checks claims (a fact-check: 'cek fakta', 'hoaks', words in schemas/timing.yaml fact_check): it states a claimed value beside the true one on purpose, so two values of one quantity it gives are no self-contradiction (review rule contradicts_own_article)")

    class Config:
        strict = True
        coerce = True


class FigureRow(pa.DataFrameModel):
    """One number stated in an article: `figures`."""

    figure_id: Series[Text] = pa.Field(unique=True, description="Id of the figure: article id and position")
    article_id: Series[Text] = pa.Field(description="Article the figure was stated in")
    source_file: Series[Text] = pa.Field(description="Path of the article file, relative to the raw folder")
    value: Series[float] = pa.Field(ge=0, description="Normalised value, in `unit` (persons, percentage points, rupiah, count or ordinal position)")
    unit: Series[Text] = pa.Field(isin=UNITS, description="person / percent (percentage points) / rupiah / count / ordinal")
    metric: Series[Text] = pa.Field(nullable=True, description="Catalog metric id (see `metrics`), NULL when none fits")
    raw_text: Series[Text] = pa.Field(description="The figure as written, mojibake and odd spaces repaired (the span cuts it from the file as it is)")
    sentence: Series[Text] = pa.Field(description="The sentence stating the figure (cleaned text)")
    char_start: Series[int] = pa.Field(ge=0, description="Start offset of the figure in the decoded file text (characters)")
    char_end: Series[int] = pa.Field(ge=1, description="End offset (exclusive) of the figure in the decoded file text")
    period: Series[Text] = pa.Field(nullable=True, str_matches=PERIOD_PATTERN, description="Period the figure refers to: YYYY, YYYY-MM, YYYY-S1/S2, YYYY-Qn, or NULL")
    province_code: Series[Text] = pa.Field(nullable=True, description="Two-digit province code (see `provinces`) when the sentence names one")
    province_name: Series[Text] = pa.Field(nullable=True, description="Official province name")
    qualifier: Series[Text] = pa.Field(nullable=True, description="Precision qualifier as written: 'lebih dari', 'sekitar', 'hampir', …")
    range_part: Series[Text] = pa.Field(nullable=True, isin=["low", "high"], description="'low'/'high' when the figure is a bound of a range ('3-4,5 juta')")
    subject: Series[Text] = pa.Field(nullable=True, description="What the figure is about: NULL or 'prakerja' for Kartu Prakerja, else another programme or statistic ('BSU', 'PEN', 'pengangguran nasional (BPS)'); only Prakerja figures get a metric")
    rule: Series[Text] = pa.Field(nullable=True, description="The rule or cue that decided the metric (or that there is none), for auditing a claim")
    basis: Series[Text] = pa.Field(isin=BASES, description="total (the whole amount of the period), to_date (a running total up to as_of), part (one wave, stage or slice), superseded (a value the text says was replaced)")
    as_of: Series[Text] = pa.Field(nullable=True, str_matches=AS_OF_PATTERN, description="For basis to_date: the date the running total stands at, YYYY-MM or YYYY-MM-DD")
    value_low: Series[float] = pa.Field(nullable=True, description="Lowest value the statement allows, in `unit`: its written precision ('5,5 juta' from 5450000) and qualifier; NULL = no lower bound ('kurang dari')")
    value_high: Series[float] = pa.Field(nullable=True, description="Highest value the statement allows, in `unit` ('5,5 juta' up to 5600000, rounded or cut off; exact when written in full); NULL = no upper bound ('lebih dari')")

    class Config:
        strict = True
        coerce = True

    @pa.check("metric")
    @classmethod
    def metric_in_catalog(cls, metric: pd.Series[str]) -> pd.Series[bool]:
        return known_metric(metric)

    @pa.check("province_code")
    @classmethod
    def province_in_reference(cls, code: pd.Series[str]) -> pd.Series[bool]:
        return known_province(code)

    @pa.dataframe_check
    @classmethod
    def unit_matches_metric(cls, df: pd.DataFrame) -> pd.Series[bool]:
        return unit_of_metric(df)

    # No check that a share is at most 100: a classified share above 100 loads and lands in the
    # `review` view with the rule it breaks, where a person sees it next to its sentence.

    @pa.dataframe_check
    @classmethod
    def interval_holds_value(cls, df: pd.DataFrame) -> pd.Series[bool]:
        return (df["value_low"].isna() | (df["value_low"] <= df["value"])) & \
               (df["value_high"].isna() | (df["value_high"] >= df["value"]))

    @pa.dataframe_check
    @classmethod
    def ordinal_is_positive_integer(cls, df: pd.DataFrame) -> pd.Series[bool]:
        return (df["unit"] != "ordinal") | ((df["value"] >= 1) & (df["value"] % 1 == 0))

    @pa.dataframe_check
    @classmethod
    def span_is_ordered(cls, df: pd.DataFrame) -> pd.Series[bool]:
        return df["char_end"] > df["char_start"]


class FigureCandidate(FigureRow):
    """A figure before loading: also carries the length of its article to check the span."""

    source_chars: Series[int] = pa.Field(ge=0, description="Length of the article text (validation only)")

    @pa.dataframe_check
    @classmethod
    def span_inside_text(cls, df: pd.DataFrame) -> pd.Series[bool]:
        return df["char_end"] <= df["source_chars"]


class RankingRow(pa.DataFrameModel):
    """A province named as having the most or least recipients: `province_rankings`."""

    article_id: Series[Text] = pa.Field(description="Article stating the ranking")
    source_file: Series[Text] = pa.Field(description="Path of the article file, relative to the raw folder")
    province_code: Series[Text] = pa.Field(description="Two-digit province code")
    province_name: Series[Text] = pa.Field(description="Official province name")
    direction: Series[Text] = pa.Field(isin=DIRECTIONS, description="'most' (terbanyak) or 'least' (paling sedikit)")
    rank: Series[int] = pa.Field(ge=1, le=38, description="Position in the ranking, 1 = most (or least)")
    period: Series[Text] = pa.Field(nullable=True, str_matches=PERIOD_PATTERN, description="Period the ranking refers to: stated in its sentence, else the last period the article named before it")
    sentence: Series[Text] = pa.Field(description="The sentence stating the ranking")
    char_start: Series[int] = pa.Field(ge=0, description="Start offset of the province name in the decoded file text")
    char_end: Series[int] = pa.Field(ge=1, description="End offset (exclusive) of the province name")

    class Config:
        strict = True
        coerce = True

    @pa.check("province_code")
    @classmethod
    def province_in_reference(cls, code: pd.Series[str]) -> pd.Series[bool]:
        return code.isin(province_codes())


class MetricRow(pa.DataFrameModel):
    """A catalog entry: `metrics`."""

    metric: Series[Text] = pa.Field(unique=True, description="Metric id, stable across versions")
    unit: Series[Text] = pa.Field(isin=UNITS, description="Unit of the metric's values")
    label: Series[Text] = pa.Field(description="Label in Indonesian")
    topic: Series[Text] = pa.Field(description="Catalog section: scale, ecosystem, outcomes, composition, geography")
    cues: Series[Text] = pa.Field(nullable=True, description="Indonesian cue words, '; '-separated")

    class Config:
        strict = True
        coerce = True


class ProvinceRow(pa.DataFrameModel):
    """A province of the reference: `provinces`."""

    province_code: Series[Text] = pa.Field(unique=True, str_length={"min_value": 2, "max_value": 2}, description="Two-digit Kemendagri code, as in the programme's official statistics")
    province_name: Series[Text] = pa.Field(unique=True, description="Official name")
    aliases: Series[Text] = pa.Field(nullable=True, description="Other spellings recognised in text, '; '-separated")
    since_2022: Series[bool] = pa.Field(description="True for the 2022 Papua provinces (no data before 2022)")
    split_from: Series[Text] = pa.Field(nullable=True, description="For a 2022 Papua province, the code of the province it was split from (years before 2022 count it there)")

    class Config:
        strict = True
        coerce = True


class SurveyResultRow(pa.DataFrameModel):
    """One figure of a published survey table (a data row × a value column): `survey_results`."""

    source_file: Series[Text] = pa.Field(description="Path of the table file, relative to the raw folder")
    survey: Series[Text] = pa.Field(description="Survey or report the table comes from (sidecar `survey`)")
    publisher: Series[Text] = pa.Field(description="Who published the table (sidecar `publisher`)")
    period: Series[Text] = pa.Field(str_matches=PERIOD_PATTERN, description="Period the value refers to: YYYY, YYYY-MM, YYYY-S1/S2 or YYYY-Qn (sidecar `period`, or the column's entry in `period_columns`)")
    metric: Series[Text] = pa.Field(nullable=True, description="Catalog metric id (see `metrics`); NULL for a category that fits no metric")
    province_code: Series[Text] = pa.Field(nullable=True, description="Two-digit province code (see `provinces`) of a province row; NULL for the national total and for category rows")
    province_name: Series[Text] = pa.Field(nullable=True, description="Official province name; NULL when province_code is NULL")
    group: Series[Text] = pa.Field(nullable=True, description="Sub-population: the header of a group column ('Laki-laki'), 'total' for the national total row of a province table, else NULL")
    value: Series[float] = pa.Field(description="The figure, in `unit`: persons, percentage points (0–100), rupiah, a count or an ordinal position")
    unit: Series[Text] = pa.Field(isin=UNITS, description="person / percent (percentage points) / rupiah / count / ordinal, from the sidecar")
    label: Series[Text] = pa.Field(description="Row label exactly as in the table, trimmed (category or province as printed)")
    sheet: Series[Text] = pa.Field(nullable=True, description="XLSX sheet the value was read from; NULL for a CSV file")
    row_number: Series[int] = pa.Field(ge=1, description="1-based row of the value: line of the CSV file (where the record starts) or row of the sheet")
    column_name: Series[Text] = pa.Field(description="Header of the value's column, as printed in the table")
    cell: Series[Text] = pa.Field(description="Cell of the value: A1 reference in XLSX ('B7'), 'r<row>c<column>' (1-based) in CSV ('r7c2')")
    published: Series[bool] = pa.Field(description="False for a fill-in cell of a table its sidecar marks illustrative (not a published figure)")

    class Config:
        strict = True
        coerce = True

    @pa.check("metric")
    @classmethod
    def metric_in_catalog(cls, metric: pd.Series[str]) -> pd.Series[bool]:
        return known_metric(metric)

    @pa.check("province_code")
    @classmethod
    def province_in_reference(cls, code: pd.Series[str]) -> pd.Series[bool]:
        return known_province(code)

    @pa.dataframe_check
    @classmethod
    def unit_matches_metric(cls, df: pd.DataFrame) -> pd.Series[bool]:
        return unit_of_metric(df)

    @pa.dataframe_check
    @classmethod
    def share_within_0_100(cls, df: pd.DataFrame) -> pd.Series[bool]:
        # Unlike a ratio in an article, every percent cell of a survey table is a share.
        return (df["unit"] != "percent") | df["value"].between(0, 100)

    @pa.dataframe_check
    @classmethod
    def amount_is_non_negative(cls, df: pd.DataFrame) -> pd.Series[bool]:
        return ~df["unit"].isin(["person", "count"]) | (df["value"] >= 0)


def _official_name_matches(df: pd.DataFrame) -> pd.Series[bool]:
    """True where province_name is the reference's name for province_code."""
    names = {p.code: p.name for p in load_provinces()}
    return df["province_code"].map(names) == df["province_name"]


class OfficialRecipientRow(pa.DataFrameModel):
    """Recipients of one regency/city in one year, as published: `official_recipients`."""

    regency_code: Series[Text] = pa.Field(description="The programme's regency/city id (KOTA_KABUPATEN_ID), as text; not a BPS code")
    regency_name: Series[Text] = pa.Field(description="Regency/city name as published ('Kabupaten Nias', 'Kota Adm. Jakarta Selatan')")
    province_code: Series[Text] = pa.Field(description="Two-digit Kemendagri province code (see `provinces`), as published with the regency")
    province_name: Series[Text] = pa.Field(description="Official province name of province_code (the reference's name)")
    province_name_published: Series[Text] = pa.Field(description="Province name as the file writes it ('Kep. Bangka Belitung')")
    year: Series[int] = pa.Field(ge=2020, le=2030, description="Calendar year of the count (from the RPL_<year> column)")
    recipients: Series[int] = pa.Field(ge=0, le=POPULATION_CEILING, description="Programme recipients in the regency that year (persons)")
    source_file: Series[Text] = pa.Field(description="File the count was read from")

    class Config:
        strict = True
        coerce = True
        unique = ["regency_code", "year"]

    @pa.check("province_code")
    @classmethod
    def province_in_reference(cls, code: pd.Series[str]) -> pd.Series[bool]:
        return code.isin(province_codes())

    @pa.dataframe_check
    @classmethod
    def province_name_is_official(cls, df: pd.DataFrame) -> pd.Series[bool]:
        return _official_name_matches(df)


class OfficialProvinceTotalRow(pa.DataFrameModel):
    """Recipients of one province as the province-level files publish them."""

    province_code: Series[Text] = pa.Field(description="Two-digit Kemendagri province code (see `provinces`)")
    province_name: Series[Text] = pa.Field(description="Official province name of province_code (the reference's name)")
    province_name_published: Series[Text] = pa.Field(description="Province name as the file writes it ('Daerah Istimewa Yogyakarta')")
    year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=2020, le=2030, description="Calendar year of the total; NULL = all years together")
    recipients: Series[int] = pa.Field(ge=0, le=POPULATION_CEILING, description="Programme recipients in the province (persons)")
    source_file: Series[Text] = pa.Field(description="File the total was read from")

    class Config:
        strict = True
        coerce = True
        unique = ["source_file", "province_code", "year"]

    @pa.check("province_code")
    @classmethod
    def province_in_reference(cls, code: pd.Series[str]) -> pd.Series[bool]:
        return code.isin(province_codes())

    @pa.dataframe_check
    @classmethod
    def province_name_is_official(cls, df: pd.DataFrame) -> pd.Series[bool]:
        return _official_name_matches(df)


class DataQualityRow(pa.DataFrameModel):
    """A quirk of the published files, reported and never patched."""

    source_file: Series[Text] = pa.Field(description="File the finding is about (the first one when it compares two)")
    check_name: Series[Text] = pa.Field(description="Stable id of the check ('grand_total_mismatch', 'province_name_variant', …)")
    severity: Series[Text] = pa.Field(isin=SEVERITIES, description="'info' (handled, nothing lost), 'warning' (files disagree) or 'error' (data missing)")
    detail: Series[Text] = pa.Field(description="What was found, in words a person can act on")
    expected: Series[Text] = pa.Field(nullable=True, description="Value the check expected, as text (persons for counts)")
    observed: Series[Text] = pa.Field(nullable=True, description="Value the file has, as text (persons for counts)")

    class Config:
        strict = True
        coerce = True


class QuarantineRow(pa.DataFrameModel):
    """A rejected input or row: `quarantine`."""

    run_id: Series[Text] = pa.Field(description="Run that rejected it")
    source_file: Series[Text] = pa.Field(description="File it came from, relative to the raw folder")
    stage: Series[Text] = pa.Field(isin=["read", "extract", "validate", "load"], description="Pipeline stage that rejected it")
    reason: Series[Text] = pa.Field(description="Why, in words a person can act on")
    payload: Series[Text] = pa.Field(nullable=True, description="The rejected row as JSON, when it is a row")

    class Config:
        strict = True
        coerce = True
