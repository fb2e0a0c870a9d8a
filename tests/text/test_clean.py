from prakerja_etl.text.clean import clean_text
from prakerja_etl.text.segment import split_lines, split_sentences


def test_cleaned_offsets_map_back_to_the_original_text() -> None:
    raw = "<p>Peserta mendapat total bantuan Rp&nbsp;4,2 juta dan 5,5\u00c2\u00a0juta orang.</p>"
    clean = clean_text(raw)
    for needle, original in (("Rp 4,2 juta", "Rp&nbsp;4,2 juta"), ("5,5 juta", "5,5\u00c2\u00a0juta")):
        start = clean.text.index(needle)
        end = start + len(needle)
        assert raw[clean.to_raw(start):clean.to_raw(end)] == original


def test_mojibake_quotes_and_dashes_are_repaired() -> None:
    clean = clean_text("VIVA \u00e2\u20ac\u201c Tiga program \u00e2\u20ac\u0153naik kelas\u00e2\u20ac")
    assert clean.text == 'VIVA - Tiga program "naik kelas"'


def test_block_tags_end_lines() -> None:
    clean = clean_text("satu<br>dua<p>tiga</p>")
    assert clean.text.split("\n")[:3] == ["satu", "dua", "tiga"]


def test_boilerplate_lines_yield_no_sentences() -> None:
    text = ("Penerima mencapai 5,5 juta orang.\nBaca juga: Gelombang 12 Dibuka, 600.000 Kuota\n"
            "ADVERTISEMENT\n6.827,51\n+0,38%\nSaksikan Video Pilihan di Bawah Ini:\nDitutup besok.")
    sentences = [s.text for s in split_sentences(text, split_lines(text))]
    assert sentences == ["Penerima mencapai 5,5 juta orang.", "Ditutup besok."]


def test_inline_read_also_link_is_cut_from_the_line() -> None:
    text = "Kuota 500 ribu peserta. Baca juga: Syarat Daftar 2023, Usia 18-64 Tahun"
    assert [s.text for s in split_sentences(text)] == ["Kuota 500 ribu peserta."]


def test_sentences_do_not_split_inside_numbers_or_abbreviations() -> None:
    text = "Anggaran Rp. 1.701 miliar untuk Kab. Bogor. Sisanya 5,5 juta."
    assert [s.text for s in split_sentences(text)] == [
        "Anggaran Rp. 1.701 miliar untuk Kab. Bogor.", "Sisanya 5,5 juta."]


def test_syndication_and_follow_lines_are_boilerplate() -> None:
    text = ("Penerima mencapai 5,5 juta orang.\n"
            "Artikel ini telah tayang di Kompas.com dengan judul \"Prakerja Capai 5,9 Juta Penerima\".\n"
            "Baca: Kuota Gelombang 12 Capai 600.000\n"
            "Simak breaking news dan berita pilihan kami langsung di ponselmu.")
    assert [s.text for s in split_sentences(text)] == ["Penerima mencapai 5,5 juta orang."]


def test_a_credit_line_is_boilerplate_a_speakers_paragraph_is_prose() -> None:
    text = ("Reporter: Sari Wulandari | Editor: Budi 2\n"
            "Penulis: Andi Saputra\n"
            "Reporter: Sampai pekan lalu, Dina, kuota yang terisi baru 300 ribu orang dari 12 provinsi.\n"
            "Editor: Yang dihitung hanya peserta yang sudah membeli pelatihan pertama.")
    assert [s.text for s in split_sentences(text)] == [
        "Reporter: Sampai pekan lalu, Dina, kuota yang terisi baru 300 ribu orang dari 12 provinsi.",
        "Editor: Yang dihitung hanya peserta yang sudah membeli pelatihan pertama."]


def test_a_one_letter_roman_numeral_after_the_word_it_numbers_ends_a_sentence() -> None:
    text = "Pagu program semula Rp9 triliun untuk semester I. Pada Juli pagu itu dinaikkan."
    assert [s.text for s in split_sentences(text)] == [
        "Pagu program semula Rp9 triliun untuk semester I.", "Pada Juli pagu itu dinaikkan."]
    # look-alike: an initial before a name is no sentence end
    text = "Menurut Direktur A. Rahman, pagu itu dinaikkan."
    assert [s.text for s in split_sentences(text)] == [text]
