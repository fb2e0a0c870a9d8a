"""Per-person amounts read against the schemes' amounts (schemas/waves.yaml), and amounts whose own
clause labels them (sentences written for these tests; each with a look-alike)."""

from timed import timing


def test_a_package_word_amount_that_is_a_part_of_the_years_package_is_that_part() -> None:
    got = timing("Menurut pengamat itu, uang Rp1 juta per orang tidak cukup untuk kursus yang bermutu.",
                 dated="Kamis, 12 November 2020 09:00 WIB")
    assert got["Rp1 juta"][:3] == ("training_fee_per_recipient", "2020", "total")
    got = timing("Bantuan yang masuk ke rekening peserta tahun ini hanya Rp600 ribu.")
    assert got["Rp600 ribu"][:2] == ("incentive_total_per_recipient", "2023")
    # look-alikes: the package itself, and an amount that is no part of the year's package, stay
    got = timing("Setiap peserta tahun ini memperoleh manfaat Rp4,2 juta.")
    assert got["Rp4,2 juta"][:2] == ("benefit_per_recipient", "2023")
    got = timing("Pesan berantai itu menyebut setiap peserta tahun ini mendapat bantuan Rp2 juta.")
    assert got["Rp2 juta"][0] == "benefit_per_recipient"


def test_a_part_of_the_package_once_named_is_that_parts_whole() -> None:
    got = timing("Dari paket Rp3,55 juta per orang, hanya Rp1 juta yang benar-benar terpakai.",
                 dated="Selasa, 15 November 2022 09:00 WIB")
    assert got["Rp1 juta"][:3] == ("training_fee_per_recipient", "2022", "total")
    # look-alike: a share of the package that is no part the scheme has stays a part of it
    got = timing("Dari paket Rp3,55 juta per orang, hanya Rp800 ribu yang benar-benar terpakai.",
                 dated="Selasa, 15 November 2022 09:00 WIB")
    assert got["Rp800 ribu"][0::2] == ("benefit_per_recipient", "part")


def test_a_survey_incentive_for_each_of_several_surveys_is_one_surveys() -> None:
    got = timing("Peserta juga mendapat insentif Rp50 ribu untuk masing-masing dari dua survei evaluasi.")
    assert got["Rp50 ribu"][0::2] == ("survey_incentive", "part")
    # look-alike: an incentive for each of several months is no survey's
    got = timing("Peserta juga mendapat insentif Rp600 ribu untuk masing-masing dari empat bulan.",
                 dated="Kamis, 12 November 2020 09:00 WIB")
    assert got["Rp600 ribu"][0] != "survey_incentive"


def test_an_amount_its_own_clause_labels_is_not_ruled_out_by_the_clause_before() -> None:
    got = timing("Karena upah banyak pekerja anjlok, anggaran program lalu ditambah menjadi Rp9 triliun.")
    assert got["Rp9 triliun"][0] == "budget_total"
    # look-alike: the word of income in the amount's own clause still rules it out
    got = timing("Menurut survei itu, upah rata-rata alumni kini Rp3,1 juta sebulan.")
    assert got["Rp3,1 juta"][0] is None


def test_an_amount_taken_for_a_part_that_is_the_whole_package_is_the_package() -> None:
    got = timing("Tahun lalu peserta memperoleh Rp3,55 juta dengan insentif Rp600 ribu per bulan.")
    assert got["Rp3,55 juta"][:2] == ("benefit_per_recipient", "2022")
    # look-alike: the part it is labelled as, of the same package
    got = timing("Tahun lalu peserta memperoleh insentif Rp2,4 juta secara bertahap.")
    assert got["Rp2,4 juta"][0] == "incentive_total_per_recipient"


def test_an_amount_of_another_scheme_than_the_paragraphs_year_is_of_that_schemes_years() -> None:
    body = ("Pada 2020 program menjangkau 5,9 juta orang. Setiap penerima mendapat manfaat Rp4,2 juta, "
            "kata unggahan itu.")
    assert timing(body, dated="Rabu, 12 Februari 2025 09:00 WIB")["Rp4,2 juta"][:2] == \
        ("benefit_per_recipient", None)
    # look-alike: the amount that year's scheme had is of that year
    body = ("Pada 2020 program menjangkau 5,9 juta orang. Setiap penerima mendapat manfaat Rp3,55 juta, "
            "kata unggahan itu.")
    assert timing(body, dated="Rabu, 12 Februari 2025 09:00 WIB")["Rp3,55 juta"][:2] == \
        ("benefit_per_recipient", "2020")


def test_an_amount_pointing_back_is_that_quantity_only_at_its_magnitude_and_value() -> None:
    got = timing("Peserta juga memperoleh insentif survei Rp100 ribu. Artinya, uang tunai yang diterima "
                 "seorang peserta paling banyak Rp750 ribu.")
    assert got["Rp750 ribu"][0] != "survey_incentive"
    got = timing("Pagu program tahun ini Rp5 triliun. Artinya, satu kursi dihargai sekitar Rp4,5 juta.")
    assert got["Rp4,5 juta"][0] != "budget_total"
    # look-alike: an aggregate pointing back to one of its magnitude is that quantity
    got = timing("Pagu program tahun ini Rp5 triliun. Angka itu kemudian dinaikkan menjadi Rp6 triliun.")
    assert got["Rp6 triliun"][0] == "budget_total"


def test_an_amount_of_a_scheme_not_yet_begun_is_of_its_first_year_when_the_text_speaks_of_it() -> None:
    dated = "Jumat, 18 November 2022 11:00 WIB"
    got = timing("Mulai 2023 programnya berubah arah.\n\n\"Biaya kursusnya jadi Rp3,5 juta per orang,\" "
                 "kata pejabat itu.", dated=dated)
    assert got["Rp3,5 juta"][:2] == ("training_fee_per_recipient", "2023")
    # look-alike: with no time of that scheme spoken of, the amount is no scheme's year
    got = timing("Programnya berubah arah.\n\n\"Biaya kursusnya jadi Rp3,5 juta per orang,\" "
                 "kata pejabat itu.", dated=dated)
    assert got["Rp3,5 juta"][1] != "2023"
