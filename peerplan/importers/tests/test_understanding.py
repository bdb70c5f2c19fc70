"""Columns read from what their cells hold as well as their headings, each with its reason; rows set
apart (written across the table, marked by a person). Small made-up tables only."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from peerplan.importers import parse_file
from peerplan.importers.columns import field_by_words
from peerplan.importers.result import ColumnReading, ParseResult
from peerplan.importers.understanding import read_content


def parse(
    text: str,
    *,
    mapping: Mapping[str, str] | None = None,
    as_of: date | None = None,
    marks: Mapping[str, str] | None = None,
) -> ParseResult:
    return parse_file(text.encode(), "plan.csv", mapping=mapping, as_of=as_of, marks=marks)


def reading(result: ParseResult, key: str) -> ColumnReading:
    return next(r for r in result.readings if r.key == key)


def test_cells_say_what_a_column_holds() -> None:
    assert read_content(["March 2026", "June 2026", "31/12/2026", "Q3 2026/27"])[0] == "timescale"
    assert read_content(["1.1", "1.2", "2", "R4"])[0] == "ref"
    assert read_content(["Q1", "Q2", "Q3", "Q4 2026/27"])[0] == "timescale", "quarters are not references"
    assert read_content(["CEO", "SLT", "HR"])[0] == "owner"
    assert read_content(["Red", "Amber", "Green", "Amber"])[0] == "rag"
    assert read_content(["Complete", "In progress", "Not started"])[0] == "status"
    assert read_content(["Head of Planning", "Jo Bloggs", "Housing Team", "Director of Place"])[0] == "owner"
    field, reason, long = read_content(["Agree a new workforce plan with the staff forum this year"] * 3)
    assert field is None and long and "sentences" in reason


def test_headings_are_matched_by_their_words() -> None:
    assert field_by_words("Action taken or planned to date") == "action"
    assert field_by_words("Who is leading") == "owner"
    assert field_by_words("Deliverry date") == "timescale", "a small misspelling is allowed"
    assert field_by_words("Colour") is None


def test_a_table_with_no_headings_is_read_by_its_content_with_reasons() -> None:
    text = (
        "1,Publish a clear forward plan for the cabinet and its committees,Head of Governance,March 2026\n"
        "2,Train every new councillor in the code of conduct within a year,Monitoring Officer,June 2026\n"
        "3,Agree a medium term financial strategy that closes the budget gap,Chief Finance Officer,Q4 2026/27\n"
    )
    result = parse(text)
    recs = result.document.recommendations
    assert [r.ref for r in recs] == ["1", "2", "3"]
    assert recs[1].owners == ["Monitoring Officer"]
    assert recs[2].actions[0].timescale == "Q4 2026/27"
    assert reading(result, "column 4").reason == "read as the timescale: 3 of 3 cells are dates or timescales"
    assert reading(result, "column 3").field == "owner"
    assert reading(result, "column 2").field == "recommendation"


def test_a_meeting_date_is_not_the_timescale() -> None:
    text = (
        "Ref,Meeting date,Recommendation,Lead,Target date\n"
        "1,2 May 2025,Publish the forward plan,Head of Governance,March 2026\n"
        "2,2 May 2025,Review the scheme of delegation,Monitoring Officer,June 2026\n"
    )
    result = parse(text)
    assert result.document.recommendations[0].actions[0].timescale == "March 2026"
    assert reading(result, "Meeting date").field == "ignore"
    assert "not when the action is due" in reading(result, "Meeting date").reason


def test_a_row_across_the_table_is_a_recommendation_with_its_para_source() -> None:
    text = (
        "Key tasks,Lead(s),Timescale\n"
        "Strengthen scrutiny so that it holds the cabinet to account.Para 12; Para 14,,\n"
        "Agree a scrutiny work programme,Head of Democratic Services,May 2026\n"
        "Train scrutiny chairs,Head of Democratic Services,July 2026\n"
        "Make the budget process open to residents.,,\n"
        "Publish a budget consultation,Chief Finance Officer,October 2026\n"
    )
    recs = parse(text).document.recommendations
    assert [r.text for r in recs] == [
        "Strengthen scrutiny so that it holds the cabinet to account.",
        "Make the budget process open to residents.",
    ]
    assert recs[0].source == "Para 12; Para 14"
    assert [a.text for a in recs[0].actions] == ["Agree a scrutiny work programme", "Train scrutiny chairs"]


def test_a_repeated_short_column_is_the_section_and_lead_member_is_a_field() -> None:
    text = (
        "Panel,Recommendation,Portfolio holder,Action\n"
        "Housing Panel,That the council builds more homes for rent,Cllr Jo Bloggs,Draft a housing delivery plan\n"
        "Housing Panel,That empty homes are brought back into use,Cllr Jo Bloggs,Start an empty homes grant\n"
    )
    result = parse(text)
    rec = result.document.recommendations[0]
    assert rec.section == "Housing Panel"
    assert rec.actions[0].lead_member == "Cllr Jo Bloggs"


def test_a_person_can_mark_rows_and_map_a_column_with_no_heading() -> None:
    text = (
        "Recommendation,Action,Lead officer,\n"
        "Improve the website,Rewrite the pages,Head of Comms,teal\n"
        ",Test with residents,Head of Comms,plum\n"
        "Improve the phones,Buy a new system,Head of IT,sage\n"
    )
    plain = parse(text)
    assert reading(plain, "column 4").field == "ignore"
    marked = parse(
        text,
        mapping={"column 4": "progress"},
        marks={"row 3": "continuation", "row 4": "action"},
        as_of=None,
    )
    recs = marked.document.recommendations
    assert len(recs) == 1
    assert [a.text for a in recs[0].actions] == ["Rewrite the pages", "Test with residents", "Buy a new system"]
    assert reading(marked, "column 4").reason == "read as the progress commentary: as you set it"
    assert any(r.where == "row 3" and "as you marked it" in r.read_as for r in marked.rows)


def test_a_review_with_no_title_does_not_take_the_file_name() -> None:
    result = parse("Recommendation,Action\nDo it,Start it\n")
    assert result.document.review.title != "plan"


def test_steps_numbered_with_their_recommendation_are_paired_with_the_dates() -> None:
    text = (
        "Ref,Recommendation,Action,Timescale\n"
        '2,Reduce missed bin collections,"(2a) Map every round (2b) Buy two new vehicles","May 2026\nJuly 2026"\n'
    )
    actions = parse(text).document.recommendations[0].actions
    assert [(a.ref, a.text, a.timescale) for a in actions] == [
        ("2a", "Map every round", "May 2026"),
        ("2b", "Buy two new vehicles", "July 2026"),
    ]


def test_bullets_in_a_cell_are_separate_actions() -> None:
    text = 'Recommendation,Action\nImprove recycling,"• Leaflet every home • Add food waste bins"\n'
    actions = parse(text).document.recommendations[0].actions
    assert [a.text for a in actions] == ["Leaflet every home", "Add food waste bins"]


def test_a_note_below_the_table_is_not_read() -> None:
    text = (
        "Ref,Recommendation,Action,Lead officer\n"
        "1,Improve recycling rates,Leaflet every home,Head of Waste\n"
        "2,Cut fly-tipping,Add cameras,Head of Enforcement\n"
        "Note: this plan was agreed by the cabinet.,,,\n"
    )
    result = parse(text)
    assert [r.ref for r in result.document.recommendations] == ["1", "2"]
    assert not any("Note:" in a.text for r in result.document.recommendations for a in r.actions)


def test_owners_a_person_with_their_title_a_title_with_and_a_list_of_bodies() -> None:
    from peerplan.importers.owners import split_owners

    assert split_owners("Jo Bloggs, Head of Housing") == ["Jo Bloggs, Head of Housing"]
    assert split_owners("Jo Bloggs\nHead of Housing") == ["Jo Bloggs, Head of Housing"]
    assert split_owners("Director of Finance and Resources") == ["Director of Finance and Resources"]
    assert split_owners("Police, Health and Education") == ["Police", "Health", "Education"]
    assert split_owners("SM Fieldwork and SM Business Support") == ["SM Fieldwork", "SM Business Support"]
    assert split_owners("Operations Managers (North), (South)") == ["Operations Managers (North), (South)"]


def test_status_and_rag_do_not_contradict() -> None:
    text = "Recommendation,Action,Status,RAG\nImprove recycling,Leaflet every home,Not started,Green\n"
    result = parse(text)
    action = result.document.recommendations[0].actions[0]
    assert (action.status, action.rag) == ("in-progress", "green")
    assert any("not started' but rated green" in d.message for d in result.doubts)


def test_progress_is_dated_from_the_position_as_at_date_not_the_meeting_in_the_title() -> None:
    text = (
        "Cabinet meeting 12 January 2026: action plan\n\n"
        "Position as at 30 November 2025\n\n"
        "Recommendation\tAction\tProgress\n"
        "Improve recycling\tLeaflet every home\tHalf the homes done\n"
    )
    result = parse_file(text.encode(), "plan.txt")
    update = result.document.recommendations[0].actions[0].updates[0]
    assert update.date.isoformat() == "2025-11-30"


def test_current_and_further_actions_sit_under_their_task() -> None:
    text = (
        "Key tasks,Lead(s),Action to date,Future actions\n"
        "Cut fly-tipping.,,,\n"
        "Add cameras,Head of Enforcement,Two cameras installed,Add four more\n"
    )
    task = parse(text).document.recommendations[0].actions[0]
    assert task.text == "Add cameras" and task.owners == ["Head of Enforcement"]
    assert [(a.text, a.status) for a in task.actions] == [
        ("Two cameras installed", "in-progress"),
        ("Add four more", "proposed"),
    ]


def test_ref_text_and_source_come_apart() -> None:
    text = (
        "Ref,Recommendation,Action,Lead officer\n"
        "a),Hold the cabinet to account.Para 13; 15,Agree a programme,Head of Democratic Services\n"
        "R3.,Publish a budget timetable (page 8 para 3),Draft the timetable,Chief Finance Officer\n"
    )
    recs = parse(text).document.recommendations
    assert [(r.ref, r.text, r.source) for r in recs] == [
        ("a", "Hold the cabinet to account.", "Para 13; 15"),
        ("R3", "Publish a budget timetable", "page 8 para 3"),
    ]


def test_short_recommendations_with_nothing_beside_them_are_not_sections() -> None:
    text = "Recommendation,Action,Lead officer\nImprove governance,,\nRefresh the constitution,,\nBuild more homes,,\n"
    recs = parse(text).document.recommendations
    assert [r.text for r in recs] == ["Improve governance", "Refresh the constitution", "Build more homes"]


def test_a_short_row_across_the_table_above_its_rows_is_a_section() -> None:
    text = (
        "Recommendation,Action,Lead officer\n"
        "Governance,,\n"
        "Refresh the constitution,Review the scheme of delegation,Monitoring Officer\n"
    )
    recs = parse(text).document.recommendations
    assert [(r.section, r.text) for r in recs] == [("Governance", "Refresh the constitution")]


def test_text_above_a_table_of_rows_across_it_is_not_a_recommendation() -> None:
    from peerplan.importers.tests.makers import docx_bytes

    rows = [
        ["Key tasks", "Lead", "Timescale", "How will we know?", "Future actions"],
        ["Cut fly-tipping across the borough.", "", "", "", ""],
        ["Add cameras", "Head of Enforcement", "May 2026", "Fewer reports of dumping", "Add four more"],
    ]
    document = parse_file(docx_bytes("Key: red is late, green is on track.", rows), "plan.docx").document
    assert [r.text for r in document.recommendations] == ["Cut fly-tipping across the borough."]
    task = document.recommendations[0].actions[0]
    assert [a.text for a in task.actions] == ["Add four more"], "the success measure is not read as progress"


def test_sentences_beside_numbered_rows_and_their_named_actions_are_the_recommendation() -> None:
    text = (
        ",Complete by,Our response,What the review said,Who will make it happen\n"
        "1,March 2026,Publish the draft vision,Build capacity in the programme office to keep projects on time,"
        "Director of Place\n"
        "2,September 2026,Launch a leadership programme,Strengthen the medium-term financial strategy,"
        "Monitoring Officer\n"
    )
    recs = parse(text).document.recommendations
    assert [(r.ref, r.text, [a.text for a in r.actions]) for r in recs] == [
        ("1", "Build capacity in the programme office to keep projects on time", ["Publish the draft vision"]),
        ("2", "Strengthen the medium-term financial strategy", ["Launch a leadership programme"]),
    ]


def test_sentences_that_ask_beside_named_actions_are_the_recommendation_in_a_simple_plan() -> None:
    text = (
        "Our response,What the panel said,Owner,Target date\n"
        "Hold workshops with partners,Develop a shared vision for the borough,Chief Executive,March 2026\n"
        "Refresh the savings programme,Strengthen the financial strategy,Director of Finance,June 2026\n"
    )
    recs = parse(text).document.recommendations
    assert [(r.text, [a.text for a in r.actions]) for r in recs] == [
        ("Develop a shared vision for the borough", ["Hold workshops with partners"]),
        ("Strengthen the financial strategy", ["Refresh the savings programme"]),
    ]


def test_sentences_that_report_beside_named_actions_are_not_the_recommendation() -> None:
    text = (
        "Recommendation 1: Develop a shared vision\n"
        "Action,Where we are,Owner,Target date\n"
        "Hold workshops with partners,Workshops held in May with 40 partners,Chief Executive,March 2026\n"
        "Refresh the savings programme,Agreed by cabinet in June,Director of Finance,June 2026\n"
    )
    recs = parse(text).document.recommendations
    assert [r.text for r in recs] == ["Develop a shared vision"]
