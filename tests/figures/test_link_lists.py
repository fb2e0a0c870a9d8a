"""Page furniture: the titles of other articles listed under a link label are not the article's
figures. Texts written for the test."""

from __future__ import annotations

from timed import timing


def test_titles_listed_under_a_link_label_are_not_the_articles_figures() -> None:
    got = timing("Kuota tahun ini 1 juta orang.\n\nARTIKEL TERKAIT:\nPagu Prakerja 2021 Capai Rp 20 Triliun\n"
                 "Insentif Rp 600 Ribu Cair Pekan Ini\n\nKuota itu dibagi ke 20 gelombang.")
    assert set(got) == {"1 juta", "20"}
    # look-alike: prose right under the label ends the list, and its figures are the article's
    got = timing("Kuota tahun ini 1 juta orang.\n\nBaca juga\nPagu program pada 2021 adalah Rp 20 triliun.")
    assert "Rp 20 triliun" in got
