"""Plain text and Markdown plans: tab-laid rows, one-cell-a-line tables, lists of recommendations."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from peerplan.importers import ParseResult, PlanImportError, parse_file


def parse(text: str, name: str = "plan.txt", **kw: Any) -> ParseResult:
    return parse_file(text.encode(), name, **kw)


ROWS_A_LINE = (
    "ACTION PLAN MARCH 2025\n\n"
    "Recommendation 1\tImprove the way the council listens to residents\n"
    "Recommendation 2\tSet a medium-term financial strategy\n\n"
    "Improve the way the council listens to residents\n"
    "Objective\tActions\tTimescale\n"
    "1.1 A listening council\ta. Run a survey. b. Publish the results and\tJune 2025 September 2025\n"
    "\tact on them. c. Report to Cabinet\tDecember 2025\n"
    "\n"
    "Set a medium-term financial strategy\n"
    "Objective\tActions\tTimescale\n"
    "2.1 A balanced budget to\ta. Draft the strategy b. Consult members\tQ3 2025/26\n"
    "2027/28\t\t\n"
)


def test_rows_laid_out_with_tabs_become_objectives_with_lettered_steps() -> None:
    doc = parse(ROWS_A_LINE).document
    first, second = doc.recommendations
    assert (first.ref, second.ref) == ("1", "2")
    objective = first.actions[0]
    assert (objective.ref, objective.text) == ("1.1", "A listening council")
    assert [s.ref for s in objective.actions] == ["1.1a", "1.1b", "1.1c"]
    assert objective.actions[1].text == "Publish the results and act on them."


def test_several_timescales_in_one_cell_go_to_the_steps_on_their_line() -> None:
    steps = parse(ROWS_A_LINE).document.recommendations[0].actions[0].actions
    assert [s.timescale for s in steps] == ["June 2025", "September 2025", "December 2025"]
    assert steps[2].due == date(2025, 12, 31)


def test_one_timescale_for_a_row_goes_to_its_objective() -> None:
    objective = parse(ROWS_A_LINE).document.recommendations[1].actions[0]
    assert objective.timescale == "Q3 2025/26"
    assert objective.due == date(2025, 12, 31)
    assert objective.text == "A balanced budget to 2027/28"  # a cell continued on the next line


CELLS_A_LINE = (
    "1) Finance Recommendations\n"
    "\tRecommendation\n\tCurrent Actions\n\tOptions For Further Action\n\tResponsibility\n\n"
    "\tBalance the budget\n\tBudget panel meets monthly\n\nSavings tracked\n\tNo further action\n"
    "\tHead of Finance/Head of Corporate Services\n\n"
    "\tSell surplus land\n\t\n\tReview the asset register\n\tCabinet / Management Board\n\n\n"
    "2) People Recommendations\n"
    "\tRecommendation\n\tCurrent Actions\n\tOptions For Further Action\n\tResponsibility\n\n"
    "\tGrow leaders\n\tCoaching scheme\n\t\n\tChief Executive\n"
)


def test_one_cell_a_line_tables_read_sections_statuses_and_owners() -> None:
    recs = parse(CELLS_A_LINE).document.recommendations
    assert [r.text for r in recs] == ["Balance the budget", "Sell surplus land", "Grow leaders"]
    assert [r.section for r in recs] == ["Finance Recommendations", "Finance Recommendations", "People Recommendations"]
    budget = recs[0]
    assert [(a.text, a.status) for a in budget.actions] == [
        ("Budget panel meets monthly", "in-progress"),
        ("Savings tracked", "in-progress"),
        ("No further action", "no-further-action"),
    ]
    assert budget.owners == ["Head of Finance", "Head of Corporate Services"]
    assert recs[1].owners == ["Cabinet", "Management Board"]
    assert recs[1].actions[0].status == "proposed"


def test_a_markdown_table_with_html_fragments_in_cells() -> None:
    text = (
        "# Peer challenge action plan\n\n"
        "| No. | Details | How | Lead | Deadline | RAG |\n|---|---|---|---|---|---|\n"
        "| KR1 | Agree a vision (page 8, para 3) | <ul><li>Draft it</li><li>Consult</li></ul> "
        "| Leader | 2025/26 | Green |\n"
        "| R2 | Fix IT | Buy laptops | Head of ICT | Spring 2026 | red |\n"
    )
    doc = parse(text, "plan.md").document
    first, second = doc.recommendations
    assert (first.ref, first.key, first.source, first.text) == ("KR1", True, "page 8, para 3", "Agree a vision")
    assert [a.text for a in first.actions] == ["Draft it", "Consult"]
    assert {a.rag for a in first.actions} == {"green"}
    assert first.actions[0].due == date(2026, 3, 31)
    assert (second.ref, second.key, second.actions[0].rag) == ("R2", False, "red")


def test_a_list_of_key_recommendations_is_marked_key() -> None:
    text = (
        "The peers made two key recommendations.\n\n"
        "Key recommendation 1: Refresh the corporate plan\nRecommendation 2 - Invest in digital\n"
        "\nObjective\tHow\tTimescale\n1.1 Plan refreshed\ta. Draft b. Adopt\tMay 2026\n"
    )
    recs = parse(text).document.recommendations
    assert [(r.ref, r.key) for r in recs] == [("1", True), ("2", True)]
    assert recs[0].actions[0].ref == "1.1"


def test_a_numbered_list_under_a_recommendations_heading_is_read() -> None:
    text = "Recommendations\n1. Improve scrutiny\n2. Publish decisions\n"
    assert [r.text for r in parse(text).document.recommendations] == ["Improve scrutiny", "Publish decisions"]


def test_a_timescale_not_understood_is_a_doubt() -> None:
    text = "Recommendation\tAction\tTimescale\nDo it\tStart\twhen the moon is blue\n"
    result = parse(text)
    assert any("not understood" in d.message and "line 2" in d.where for d in result.doubts)


def test_an_unrecognised_column_is_a_doubt_and_can_be_mapped() -> None:
    text = "Recommendation\tAction\tWhodunnit\nDo it\tStart\tteal\n"
    result = parse(text)
    assert any("Whodunnit" in d.where for d in result.doubts)
    text = text.replace("teal", "Head of Policy")
    mapped = parse(text, mapping={"Whodunnit": "owner"})
    assert mapped.columns["Whodunnit"] == "owner"
    assert mapped.document.recommendations[0].owners == ["Head of Policy"]  # the row is the recommendation


def test_as_of_is_the_date_relative_timescales_count_from() -> None:
    text = "Recommendation\tAction\tTimescale\nDo it\tStart\tthe end of next year\n"
    action = parse(text, as_of=date(2030, 6, 1)).document.recommendations[0].actions[0]
    assert action.due == date(2031, 12, 31)


def test_text_with_no_plan_in_it_is_refused() -> None:
    with pytest.raises(PlanImportError, match="no action plan found"):
        parse("Minutes of the meeting\nApologies were received.\n")


# --- a row a line split by tabs, found by its shape when no heading names a field ----------------------
UNNAMED_HEADINGS = (
    "Improvement plan\n\n"
    "What the panel found\tHow we will respond\tWho\tWhen\n"
    "Modernise the housing repairs service for tenants\tProcure a new repairs contract\tHead of Housing\tMarch 2026\n"
    "Modernise the housing repairs service for tenants\tSurvey tenants on the new service\tHead of Housing\tJune 2026\n"
    "Strengthen scrutiny of the council's companies\tAgree a scrutiny work programme\tMonitoring Officer\tMay 2026\n"
)


def test_tab_rows_under_headings_no_list_holds_are_read_by_their_cells() -> None:
    result = parse(UNNAMED_HEADINGS)
    recs = result.document.recommendations
    assert [r.text for r in recs] == [
        "Modernise the housing repairs service for tenants",
        "Strengthen scrutiny of the council's companies",
    ]
    assert [(a.text, a.owners, a.timescale) for a in recs[0].actions] == [
        ("Procure a new repairs contract", ["Head of Housing"], "March 2026"),
        ("Survey tenants on the new service", ["Head of Housing"], "June 2026"),
    ]
    assert [(c.heading, c.field) for c in result.readings if c.field == "recommendation"] == [
        ("What the panel found", "recommendation")
    ]


def test_tab_rows_with_no_heading_row_are_read_by_their_cells() -> None:
    text = UNNAMED_HEADINGS.replace("What the panel found\tHow we will respond\tWho\tWhen\n", "")
    recs = parse(text).document.recommendations
    assert [len(r.actions) for r in recs] == [2, 1]
    assert recs[1].actions[0].owners == ["Monitoring Officer"]


def test_tab_front_matter_of_two_columns_is_not_a_plan() -> None:
    text = "Meeting:\tCabinet\nDate:\t4 March 2026\nWard(s):\tAll\nReport author:\tHead of Policy\n"
    with pytest.raises(PlanImportError, match="no action plan found"):
        parse(text)


def test_tab_rows_of_three_columns_that_are_not_a_plan_are_refused() -> None:
    text = "Item\tPage\tPresenter\nMinutes\t3\tChair\nBudget monitoring\t9\tTreasurer\n"
    with pytest.raises(PlanImportError, match="no action plan found"):
        parse(text)


def test_tab_rows_under_a_merged_recommendation_are_rows_not_a_broken_row() -> None:
    text = (
        "Recommendation\tAction\tLead officer\tTimescale\n"
        "Modernise the housing repairs service\tProcure a new repairs contract\tHead of Housing\tMarch 2026\n"
        "\tSurvey tenants on the new service\tHead of Housing\tJune 2026\n"
        "\tPublish repair times each quarter\tHead of Housing\tSeptember 2026\n"
    )
    recs = parse(text).document.recommendations
    assert len(recs) == 1
    assert [(a.text, a.timescale) for a in recs[0].actions] == [
        ("Procure a new repairs contract", "March 2026"),
        ("Survey tenants on the new service", "June 2026"),
        ("Publish repair times each quarter", "September 2026"),
    ]


def test_a_tab_row_broken_over_two_lines_is_still_joined() -> None:
    text = (
        "Recommendation\tAction\tLead officer\tTimescale\n"
        "Modernise the housing repairs service\tProcure a new repairs contract\tHead of\tMarch\n"
        "\tand publish it\tHousing\t2026\n"
    )
    recs = parse(text).document.recommendations
    assert [(a.text, a.timescale) for a in recs[0].actions] == [
        ("Procure a new repairs contract and publish it", "March 2026")
    ]


def test_a_numbered_row_across_a_table_without_a_recommendation_column_is_a_numbered_recommendation() -> None:
    text = (
        "| Action | Lead officer | Timescale |\n|---|---|---|\n"
        "| 1. Modernise the housing repairs service for tenants |  |  |\n"
        "| Procure a new repairs contract | Head of Housing | March 2026 |\n"
        "| 2. Strengthen scrutiny of the council's companies |  |  |\n"
        "| Agree a scrutiny work programme | Monitoring Officer | May 2026 |\n"
    )
    recs = parse(text, "plan.md").document.recommendations
    assert [(r.ref, r.text) for r in recs] == [
        ("1", "Modernise the housing repairs service for tenants"),
        ("2", "Strengthen scrutiny of the council's companies"),
    ]
    assert [a.text for a in recs[1].actions] == ["Agree a scrutiny work programme"]


def test_tab_rows_whose_trailing_empty_cells_were_cut_off_stay_in_one_table() -> None:
    text = (
        "1\tProcure a new repairs contract\tMarch 2026\tHead of Housing\tModernise the repairs service\n"
        "\tSurvey tenants on the new service\tJune 2026\tHead of Housing\n"
        "\tPublish repair times each quarter\tJuly 2026\tHead of Housing\n"
        "2\tAgree a scrutiny work programme\tMay 2026\tMonitoring Officer\tStrengthen scrutiny of companies\n"
        "\tTrain members in company governance\tJune 2026\tMonitoring Officer\n"
    )
    recs = parse(text).document.recommendations
    assert [(r.ref, r.text, len(r.actions)) for r in recs] == [
        ("1", "Modernise the repairs service", 3),
        ("2", "Strengthen scrutiny of companies", 2),
    ]


def test_a_whole_tab_row_under_a_numbered_row_across_the_table_is_not_joined_to_it() -> None:
    text = (
        "Action\tLead officer\tTimescale\n"
        "1. Make consultation with residents earlier and easier to take part in\n"
        "Set up a residents panel to test proposals\tHead of Policy\tMarch 2026\n"
        "2. Build capacity in the programme office\n"
        "Agree milestones for each site\tHead of Policy\tDecember 2025\n"
    )
    recs = parse(text).document.recommendations
    assert [(r.ref, [a.text for a in r.actions]) for r in recs] == [
        ("1", ["Set up a residents panel to test proposals"]),
        ("2", ["Agree milestones for each site"]),
    ]


def test_slash_rows_with_no_heading_row_are_found_by_their_shape() -> None:
    text = (
        "Action plan\n\n"
        "Modernise the housing repairs service / Procure a new repairs contract / Head of Housing / March 2026\n"
        "Modernise the housing repairs service / Survey tenants on the service / Head of Housing / June 2026\n"
        "Strengthen scrutiny of companies / Agree a scrutiny work programme / Monitoring Officer / May 2026\n"
    )
    recs = parse(text).document.recommendations
    assert [(r.text, len(r.actions)) for r in recs] == [
        ("Modernise the housing repairs service", 2),
        ("Strengthen scrutiny of companies", 1),
    ]
    assert recs[1].actions[0].owners == ["Monitoring Officer"]


def test_prose_lines_with_slashes_of_differing_counts_are_not_a_table() -> None:
    text = "Minutes\nThe and/or clause / the annex / the schedule were agreed.\nApologies / none.\n"
    with pytest.raises(PlanImportError, match="no action plan found"):
        parse(text)
