import io

import pytest
from PIL import Image

from core.charts import PALETTE, BarChart, Series, chart_figure, contrast_ratio
from core.formatting import NBSP

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def education_by_gender() -> BarChart:
    return BarChart(
        title="Deltagarnas utbildningsnivå",
        categories=["Grundskola", "Gymnasium", "Eftergymnasial"],
        series=[Series("Kvinnor", [46, 58, 73]), Series("Män", [62, 60, 29])],
        unit="antal deltagare",
        category_title="Utbildning",
    )


def end_reasons_per_insats() -> BarChart:
    return BarChart(
        title="Avslutsorsak per insats",
        categories=["FINSAM-team", "IPS beroendeproblematik"],
        series=[
            Series("Arbete", [57, 2]),
            Series("Fortsatt rehabilitering", [12, 5]),
            Series("Sjukdom", [58, 0]),
            Series("Annat", [7, 4]),
        ],
        layout="percent",
        horizontal=True,
    )


def test_chart_renders_png_at_the_printed_size():
    png = education_by_gender().to_png(16, 7.5, dpi=100)
    assert png.startswith(PNG_SIGNATURE)
    with Image.open(io.BytesIO(png)) as image:
        width, height = image.size
    assert abs(width - 16 / 2.54 * 100) <= 1  # 16 cm at 100 dpi
    assert abs(height - 7.5 / 2.54 * 100) <= 1


def test_chart_output_is_deterministic():
    chart = end_reasons_per_insats()
    assert chart.to_png(16, 7, dpi=80) == chart.to_png(16, 7, dpi=80)


def test_chart_png_has_no_software_or_time_stamp():
    png = education_by_gender().to_png(10, 5, dpi=50)
    assert b"Software" not in png
    assert b"tIME" not in png


def test_alt_text_of_a_grouped_chart_states_every_number():
    text = education_by_gender().describe()
    assert text.startswith("Stapeldiagram: Deltagarnas utbildningsnivå (antal deltagare).")
    assert "Kvinnor: Grundskola 46, Gymnasium 58, Eftergymnasial 73." in text
    assert "Män: Grundskola 62, Gymnasium 60, Eftergymnasial 29." in text


def test_alt_text_of_a_percent_chart_gives_shares_summing_to_100_and_counts():
    text = end_reasons_per_insats().describe()
    assert f"FINSAM-team: Arbete 43{NBSP}% (57), Fortsatt rehabilitering 9{NBSP}% (12)" in text
    assert f"IPS beroendeproblematik: Arbete 18{NBSP}% (2)" in text
    for shares in end_reasons_per_insats().shares():
        assert sum(shares) == 100


def test_alt_text_of_a_stacked_chart_gives_the_totals():
    chart = BarChart(
        title="Personal",
        categories=["2022", "2023"],
        series=[Series("Kansli", [2.0, 1.8]), Series("Insatser", [8.3, 9.5])],
        layout="stacked",
        decimals=1,
    )
    assert chart.describe().endswith("Summa: 2022 10,3, 2023 11,3.")


def test_alt_text_marks_missing_values():
    chart = BarChart("Deltagare", ["2022", "2023"], [Series("Antal", [None, 12])])
    assert chart.describe() == "Stapeldiagram: Deltagare. 2022 –, 2023 12."


def test_data_table_holds_the_charts_numbers():
    table = education_by_gender().data_table()
    assert [column.title for column in table.columns] == ["Utbildning", "Kvinnor", "Män"]
    texts = [[cell.text for cell in cells] for _, cells in table.rendered_body()]
    assert texts[0] == ["Grundskola", "46", "62"]


def test_percent_chart_data_table_shows_count_and_share():
    texts = [
        [c.text for c in cells]
        for _, cells in end_reasons_per_insats().data_table().rendered_body()
    ]
    assert texts[0][1] == f"57 (43{NBSP}%)"


def test_chart_figure_uses_the_charts_description_as_alt_text():
    figure = chart_figure(education_by_gender(), "Utbildningsnivå")
    assert "Kvinnor: Grundskola 46" in figure.alt_text
    assert figure.png(dpi=50).startswith(PNG_SIGNATURE)


def test_chart_rejects_series_of_the_wrong_length_in_swedish():
    with pytest.raises(ValueError, match="serien 'Män': 2 värden men 3 kategorier"):
        BarChart("Utbildning", ["A", "B", "C"], [Series("Män", [1, 2])])


def test_chart_rejects_more_series_than_distinguishable_colours():
    series = [Series(f"S{i}", [1]) for i in range(len(PALETTE) + 1)]
    with pytest.raises(ValueError, match="högst 6 går att skilja åt"):
        BarChart("För många", ["A"], series)


def test_every_palette_colour_has_at_least_3_to_1_contrast_against_white():
    for colour in PALETTE:
        assert contrast_ratio(colour, "#FFFFFF") >= 3.0, colour


def test_category_labels_under_five_columns_wrap_to_two_lines_not_three():
    chart = BarChart(
        title="Avslutsorsaker",
        categories=[
            "Arbete eller studier",
            "Arbetssökande",
            "Fortsatt rehabilitering",
            "Sjukdom",
            "Annat eller ej registrerad",
        ],
        series=[Series("2025", [9, 12, 15, 27, 37])],
        unit="%",
    )
    labels = chart.category_labels()
    assert labels[-1] == "Annat eller ej\nregistrerad"
    assert max(label.count("\n") for label in labels) == 1


def test_values_over_three_grouped_bars_are_printed_smaller():
    three = BarChart(
        title="Tre år", categories=["A", "B"], series=[Series(y, [1, 2]) for y in "xyz"]
    )
    one = BarChart(title="Ett år", categories=["A", "B"], series=[Series("x", [1, 2])])
    assert three.value_label_size() < one.value_label_size()


def _bar_labels(chart: BarChart) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    axes = Figure().subplots()
    chart._draw(axes)
    return [text.get_text() for text in axes.texts]


def test_a_stack_of_percentages_has_no_total_label_but_a_stack_of_counts_has():
    shares = BarChart(
        title="Enkät",
        categories=["A1"],
        series=[Series("Ja", [33.3]), Series("Nej", [33.3]), Series("Kanske", [34.4])],
        layout="stacked",
        horizontal=True,
        unit="%",
    )
    counts = BarChart(
        title="Deltagare",
        categories=["A1"],
        series=[Series("Kvinnor", [40]), Series("Män", [61])],
        layout="stacked",
        horizontal=True,
    )
    assert not any(label.startswith("101") for label in _bar_labels(shares))
    assert "101" in _bar_labels(counts)
