"""Classify figures into the metric catalog from the words around them.

Each figure is read with its neighbourhood: `left` is the text between the previous
figure (or the sentence start) and this one, `right` the text up to the next figure.
Indonesian puts the subject of a share after it ('45 persen perempuan') and the
label of an amount before it ('insentif survei Rp50 ribu'), so cues are searched on
both sides and the nearest one wins; exclusions (spending to date, another
programme, a sample) win over everything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def _cue(metric: str | None, pattern: str, side: str = "both") -> tuple[str | None, re.Pattern[str], str]:
    return metric, re.compile(pattern, re.IGNORECASE), side


class Cues:
    """The cues of one kind of figure, with one alternation per side, so a figure's
    neighbourhood is scanned once, not once per cue; the group that matched names the cue."""

    def __init__(self, cues: list[tuple[str | None, re.Pattern[str], str]]) -> None:
        self.metrics = [metric for metric, _, _ in cues]
        self.right = self._alternation(cues, "right")
        self.left = self._alternation(cues, "left")

    @staticmethod
    def _alternation(cues: list[tuple[str | None, re.Pattern[str], str]], side: str) -> re.Pattern[str] | None:
        parts = [f"(?P<c{i}>{p.pattern})" for i, (_, p, s) in enumerate(cues) if s in ("both", side)]
        return re.compile("|".join(parts), re.IGNORECASE) if parts else None


# Shares: cue order breaks ties between cues at the same distance.
PERCENT_CUES = Cues([
    _cue(None, r"\bdari\s+(?:total\s+|seluruh\s+|keseluruhan\s+)?(?:pagu|target|anggaran|kuota|mandat|pendaftar)", "right"),
    _cue(None, r"\b(?:realisasi|serapan|terserap|irisan|tumpang\s+tindih|capaian\w*|kenaikan|naik\s+sekitar|pertumbuhan|inflasi|suku\s+bunga)\b", "left"),
    _cue("unemployed_now_working_share", r"(?:menganggur|tidak\s+bekerja)\b[^.;]{0,60}?(?:kini|telah|sudah|akhirnya)\s+(?:bekerja|berwirausaha|mendapat(?:kan)?\s+pekerjaan)"),
    _cue("unemployed_aware_share", r"\bpenganggur\w*\b[^.;]{0,50}?\b(?:tahu|mengetahui|mengenal|mendengar)"),
    _cue("reason_skills_share", r"\b(?:ingin|alasan|karena|demi|untuk)\s+(?:\w+\s+){0,2}?(?:meningkatkan|menambah|mengasah)\s+(?:keterampilan|kompetensi|skill|kemampuan)"),
    _cue("reason_incentive_share", r"\b(?:tertarik|karena|alasan|demi|ingin|mengincar)\s+(?:\w+\s+){0,2}?(?:insentif|uang\s+saku|bantuan\s+tunai|dana\s+bantuan)"),
    _cue("reason_friends_share", r"\bikut(?:-ikutan)?\s+teman|\bdiajak\s+teman|\bdari\s+teman|\bajakan\s+teman"),
    _cue("skill_improved_share", r"\b(?:keterampilan|kompetensi|skill|kemampuan)\w*\s+(?:\w+\s+){0,2}?(?:meningkat|bertambah|naik|membaik)"),
    _cue("incentive_daily_needs_share", r"\bkebutuhan\s+(?:sehari-hari|pokok|rumah\s+tangga|dapur)|\bbahan\s+(?:makanan|pangan)|\bbelanja\s+kebutuhan"),
    _cue("incentive_savings_share", r"\b(?:ditabung|menabung|tabungan)\b"),
    _cue("incentive_business_capital_share", r"\bmodal\s+(?:usaha|kerja)\b"),
    _cue("recipients_female_share", r"\b(?:perempuan|wanita)\b"),
    _cue("recipients_male_share", r"\b(?:laki-laki|pria)\b"),
    _cue("recipients_disabled_share", r"\b(?:difabel|disabilitas)\b"),
    _cue("recipients_primary_or_below_share", r"\bSD\s+(?:ke\s+bawah|atau\s+lebih\s+rendah)|\bsekolah\s+dasar\b|\btidak\s+tamat\s+SD"),
    _cue("recipients_senior_high_or_above_share", r"\b(?:SMA|SMA/SMK|SLTA)(?:\s+sederajat)?\s+ke\s+atas"),
    _cue("recipients_former_migrant_worker_share", r"\bpekerja\s+migran|\bPMI\b|\bTKI\b|\bbekas\s+buruh\s+migran"),
    _cue("recipients_underdeveloped_region_share", r"\b(?:kabupaten|daerah|wilayah)\s+(?:\w+\s+)?tertinggal\b"),
    _cue("recipients_unbanked_share", r"\bbelum\s+(?:terinklusi|(?:memiliki|punya|mempunyai)\s+rekening)|\btidak\s+(?:memiliki|punya)\s+rekening|\bunbanked\b"),
    _cue("recipients_urban_share", r"\bperkotaan\b"),
    _cue("recipients_rural_share", r"\bpe(?:r)?desaan\b|\b(?:di|dari)\s+desa\b"),
    _cue("recipients_part_time_share", r"\bparuh\s+waktu\b|\bkurang\s+dari\s+35\s+jam"),
    _cue("recipients_youth_share", r"\b(?:berusia\s+)?(?:18|17)\s*[-–]\s*(?:2\d|30)\s+tahun|\b(?:usia|berusia)\s+muda|\bmilenial|\bgenerasi\s+z\b|\banak\s+muda"),
    _cue("recipients_unemployed_share", r"\b(?:tidak|belum)\s+bekerja\b|\bmenganggur\b|\bpengangguran\b"),
])

RUPIAH_EXCLUSIONS = re.compile(
    r"\b(?:realisasi|serapan|terserap|terealisasi|sisa|kekurangan\w*|tambahan|rata-rata|mengalir"
    r"|ditaksir|tahap\s+awal|belanja|dikembalikan|ditarik|kerugian|gaji|upah|pendapatan"
    r"|penghasilan|omzet|harga)\b",
    re.IGNORECASE,
)
RUPIAH_CUES = Cues([
    _cue("incentive_monthly", r"^\s*(?:\w+\s+){0,3}?(?:per|setiap|tiap|/)\s*bulan\b|^\s*sebulan\b", "right"),
    _cue("survey_incentive", r"\binsentif\s+(?:pengisian\s+)?survei|\bsurvei\w*"),
    _cue("incentive_disbursed_total", r"\b(?:insentif\w*)\b[^.;]{0,40}?\b(?:disalurkan|tersalurkan|dicairkan|dibayarkan)\b"
         r"|\b(?:menyalurkan|mencairkan|membayarkan)\s+insentif", "left"),
    _cue("training_fee_per_recipient", r"\b(?:biaya|bantuan|saldo|dana|untuk|membeli|pembelian)\s+(?:biaya\s+)?pelatihan\b"),
    _cue("incentive_total_per_recipient", r"\binsentif\w*(?!\s+(?:pengisian\s+)?survei)\b"),
    _cue("budget_total", r"\b(?:anggaran|pagu|alokasi\w*|mengalokasikan|dialokasikan|menggelontorkan|digelontorkan|dianggarkan|APBN|dana\s+program|budget)\b", "left"),
    _cue("benefit_per_recipient", r"\b(?:manfaat|total\s+bantuan|nilai\s+bantuan|bantuan|paket)\b"),
    # 'per peserta' names the whole package when it frames the amount ('Rp4,2 juta per orang',
    # 'Per peserta sekarang …'), not when it qualifies another cost ('biaya pelatihan per peserta').
    _cue("benefit_per_recipient", r"^\s*per\s+(?:peserta|penerima|orang|kepala|individu)\b", "right"),
    _cue("benefit_per_recipient", r"\bper\s+(?:peserta|penerima|orang|kepala|individu)\s+(?:sekarang\s+|kini\s+|saat\s+ini\s+)?$", "left"),
])
# Aggregates and per-person amounts differ by orders of magnitude.
_PER_PERSON_METRICS = {"incentive_monthly", "survey_incentive", "training_fee_per_recipient",
                       "incentive_total_per_recipient", "benefit_per_recipient"}
_PER_PERSON_MAX = 1e8
_AGGREGATE_MIN = 1e10

PERSON_EXCLUSIONS = re.compile(
    r"\b(?:sampel|responden|survei|cukup\s+untuk|membiayai|teoretis|selisih|kenaikan|penurunan"
    r"|bertambah|berkurang)\b",
    re.IGNORECASE,
)
PERSON_SUBSET_AFTER = re.compile(
    r"^\s*(?:orang|penerima|peserta)?\s*(?:yang\s+)?(?:telah|sudah|belum|baru)?\s*"
    r"(?:menyelesaikan|menuntaskan|menerima\s+insentif|mencairkan|dicabut|kepesertaannya\s+dicabut"
    r"|lulus|membeli|bekerja)\b",
    re.IGNORECASE,
)
TARGET_CUE = re.compile(
    r"(?<!sesuai\s)(?<!lampaui\s)(?<!melampaui\s)(?<!melebihi\s)\b(?:target\w*|kuota|sasaran|ditargetkan|menargetkan|dipatok|jatah|dijatah|ditujukan\s+bagi"
    r"|untuk\s+menjangkau|dialokasikan\s+untuk|quota|menyasar|disasar|sasarannya)\b",
    re.IGNORECASE,
)
REGISTRANT_CUE = re.compile(
    r"\b(?:pendaftar\w*|mendaftar|registrants?|(?:warga|orang|yang)\s+daftar)\b", re.IGNORECASE)
RECIPIENT_CUE = re.compile(
    r"\b(?:penerima\w*|peserta\w*|alumni|menjangkau|dijangkau|diikuti|ditetapkan|dinikmati"
    r"|diberikan\s+kepada|tersalurkan|lolos|recipients?|reached|participants?)\b",
    re.IGNORECASE,
)
PERSON_CUES = Cues([("registrants_total", REGISTRANT_CUE, "both"), ("recipients_total", RECIPIENT_CUE, "both")])
COUNT_NOUN_METRICS = [
    (re.compile(r"^\s*(?:lebih\s+)?gelombang\b", re.IGNORECASE), "waves_count"),
    (re.compile(r"^\s*(?:lebih\s+)?kabupaten\s*(?:/|dan|atau)\s*kota\b", re.IGNORECASE), "regencies_covered"),
    (re.compile(r"^\s*(?:lebih\s+)?provinsi\b", re.IGNORECASE), "provinces_covered"),
    (re.compile(r"^\s*(?:lebih\s+)?platform\b", re.IGNORECASE), "digital_platforms_count"),
    (re.compile(r"^\s*(?:lebih\s+)?mitra\s+pembayaran\b", re.IGNORECASE), "payment_partners_count"),
    (re.compile(r"^\s*(?:lebih\s+)?lembaga\b", re.IGNORECASE), "training_institutions_count"),
    (re.compile(r"^\s*(?:lebih\s+)?(?:jenis\s+|judul\s+|kelas\s+)?pelatihan\b", re.IGNORECASE), "trainings_count"),
]
COUNT_EXCLUSIONS = re.compile(r"\b(?:sampel|survei|responden|penelitian|studi)\b", re.IGNORECASE)
# Connectors that make a figure restate or compare with the previous one.
RESTATEMENT = re.compile(
    r"^[\s,(|]*(?:(?:orang|penerima|peserta|pendaftar)\b[\s,(|]*)?(?:atau|setara(?:\s+dengan)?|yakni|yaitu|tepatnya|alias|naik\s+dari|turun\s+dari"
    r"|dari|menjadi|dibanding(?:kan)?(?:\s+dengan)?|ketimbang|bukan|sedangkan\s+sebelumnya)?"
    r"(?:\s+(?:hanya|sekitar|sebesar|sebanyak))?[\s,(|]*$",
    re.IGNORECASE,
)
ANAPHORA_START = re.compile(
    r"^\s*(?:dengan\s+kata\s+lain|artinya|itu\s+berarti|atau)\b|\b(?:porsinya|angkanya|jumlahnya"
    r"|persentasenya|proporsinya)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[,;:]")
_NEXT_CLAUSE_PENALTY = 50
_REGENCY = re.compile(r"\b(?:Kabupaten|Kab\.|Kota|Kotamadya)\s+[A-Z]")


@dataclass
class Context:
    """What the classifier knows about one figure's surroundings."""

    unit: str
    value: float
    left: str                # text since the previous figure
    left_clause: str         # the part of `left` after its last comma or colon
    right: str
    sentence_before: str     # the sentence up to the figure
    clause_before: str       # the sentence up to the figure, after its last comma
    from_wave: bool
    province_left: bool      # a province is named between the previous figure and this one
    province_right: bool     # a province is named right after it, in the same clause
    other_programme: bool
    single_wave_before: bool


def classify(ctx: Context) -> str | None:
    """Metric id for the figure, or None when no catalog metric fits."""
    if ctx.unit == "ordinal":
        return "wave_number" if ctx.from_wave else None
    if ctx.other_programme:
        return None
    if ctx.unit == "percent":
        return _percent(ctx)
    if ctx.unit == "rupiah":
        return _rupiah(ctx)
    if ctx.unit == "person":
        return _person(ctx)
    return _count(ctx)


def _nearest(cues: Cues, left: str, right: str) -> tuple[bool, str | None]:
    """(found, metric) of the cue nearest to the figure; ties go to the earlier cue."""
    found, metric, _ = _nearest_cue(cues, left, right)
    return found, metric


def _nearest_cue(cues: Cues, left: str, right: str) -> tuple[bool, str | None, bool]:
    """(found, metric, whether it lies after the figure in the same clause)."""
    best: tuple[int, int, str | None, bool] | None = None
    if right and cues.right is not None:
        m = cues.right.search(right)   # the leftmost match is the nearest on the right
        if m:
            distance = len(right[:m.start()].strip())
            crossed = bool(_CLAUSE_BREAK.search(right, 0, m.start()))
            if crossed:
                distance += _NEXT_CLAUSE_PENALTY  # after a comma, words tend to label the next figure
            best = (distance, _order(m), cues.metrics[_order(m)], not crossed)
    if left and cues.left is not None:
        last = None
        for match in cues.left.finditer(left):
            last = match   # the last match is the nearest on the left
        if last is not None:
            candidate = (len(left[last.end():].strip()), _order(last), cues.metrics[_order(last)], False)
            if best is None or candidate[:2] < best[:2]:
                best = candidate
    return (best is not None, best[2] if best else None, best[3] if best else False)


def _order(m: re.Match[str]) -> int:
    return int(m.lastgroup[1:]) if m.lastgroup else 0


def _percent(ctx: Context) -> str | None:
    # A share's subject usually follows it ('45 persen perempuan'), starting in the same clause.
    found, metric, same_clause = _nearest_cue(PERCENT_CUES, "", ctx.right)
    if found and same_clause:
        return metric
    if ctx.province_left:
        return "province_recipient_share"
    found, metric = _nearest(PERCENT_CUES, ctx.left_clause, ctx.right)
    return metric if found else None


def _rupiah(ctx: Context) -> str | None:
    if RUPIAH_EXCLUSIONS.search(ctx.left):
        return None
    found, metric = _nearest(RUPIAH_CUES, ctx.left_clause, ctx.right)
    if not found:
        found, metric = _nearest(RUPIAH_CUES, ctx.sentence_before, "")
    if metric is None:
        return None
    per_person = metric in _PER_PERSON_METRICS
    if per_person and ctx.value >= _PER_PERSON_MAX or not per_person and ctx.value < _AGGREGATE_MIN:
        return None
    return metric


def _target_in(left: str) -> bool:
    matches = list(TARGET_CUE.finditer(left))
    return bool(matches) and "," not in left[matches[-1].end():]


def _person(ctx: Context) -> str | None:
    if _target_in(ctx.clause_before) or TARGET_CUE.match(ctx.right.strip()):
        return "recipients_target"
    if PERSON_EXCLUSIONS.search(ctx.left) or PERSON_SUBSET_AFTER.match(ctx.right):
        return None
    if _REGENCY.search(ctx.left[-60:]) and not ctx.province_right:
        return None
    found, metric = _nearest(PERSON_CUES, ctx.left_clause, ctx.right)
    if metric == "registrants_total" and not ctx.single_wave_before:
        return metric
    if ctx.province_left or ctx.province_right:
        return "province_recipients"
    if ctx.single_wave_before:
        return None
    if found:
        return metric
    return "recipients_total" if RECIPIENT_CUE.search(ctx.sentence_before) else None


def _count(ctx: Context) -> str | None:
    for pattern, metric in COUNT_NOUN_METRICS:
        if pattern.match(ctx.right):
            if COUNT_EXCLUSIONS.search(ctx.left):
                return None
            return metric
    return None
