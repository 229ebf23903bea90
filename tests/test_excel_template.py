"""Import templates: structure from the model, drop-downs, and the committed gabarits."""
from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from excel_helpers import signature
from toolkit.core import labels as L
from toolkit.core import model
from toolkit.cli import main
from toolkit.excel.template import MIN_ROWS, TEMPLATE_FILES, fields, headers, write_example, write_template

REPO = Path(__file__).resolve().parent.parent
GABARITS = REPO / "gabarits_excel"


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory):
    path = write_template(tmp_path_factory.mktemp("gabarit") / "gabarit.xlsx")
    return load_workbook(path)


def test_instructions_first_then_one_sheet_per_kind_then_hidden_lists(blank) -> None:
    expected = ["Instructions"] + [model.KINDS[k].label for k in model.KIND_ORDER] + ["Listes"]
    assert blank.sheetnames == expected
    assert blank["Listes"].sheet_state == "hidden"
    assert all(blank[name].sheet_state == "visible" for name in expected[:-1])


def test_headers_are_french_labels_without_system_fields(blank) -> None:
    for k in model.KIND_ORDER:
        row = [c.value for c in blank[model.KINDS[k].label][1]]
        assert row == headers(k)
    persons = [c.value for c in blank["Personnes"][1]]
    assert L.FIELD_LABELS["token"] not in persons
    assert persons[:3] == ["Identifiant", "Nom", "Organisation"]


def test_header_row_frozen_and_columns_sized(blank) -> None:
    ws = blank["Acteurs"]
    assert ws.freeze_panes == "B2"
    assert all(ws.column_dimensions[c].width >= 10 for c in "ABCDEFGHI")
    assert ws.print_title_rows == "$1:$1"
    assert ws.page_setup.orientation == "landscape"


def _validations(ws) -> dict[str, object]:
    """Column letter → its data validation."""
    out = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            out[rng.coord.split(":")[0].rstrip("0123456789")] = dv
    return out


def test_every_closed_list_and_reference_has_a_drop_down(blank) -> None:
    names = {name: dn.attr_text for name, dn in blank.defined_names.items()}
    for k in model.KIND_ORDER:
        ws = blank[model.KINDS[k].label]
        by_col = _validations(ws)
        for j, f in enumerate(fields(k), start=2):
            col = ws.cell(row=1, column=j).column_letter
            dv = by_col[col]
            if f.type == "choice":
                assert dv.type == "list" and dv.formula1 == f"=liste_{k}_{f.name}", (k, f.name)
                listed = names[f"liste_{k}_{f.name}"]
                sheet, ref = listed.split("!")
                cells = blank["Listes"][ref.replace("$", "")]
                assert [c[0].value for c in cells] == list(f.choices), (k, f.name)
            elif f.type == "bool":
                assert dv.type == "list" and dv.formula1 == '"oui,non"'
            elif f.type == "ref":
                assert dv.type == "list" and dv.formula1 == f"=ids_{f.ref}"
                assert names[f"ids_{f.ref}"].startswith(f"'{model.KINDS[f.ref].label}'!$A$2:$A$")
                assert dv.errorStyle == "warning"  # an id already in the workshop is allowed
            assert str(dv.sqref) == f"{col}2:{col}{MIN_ROWS + 1}"  # room for rows to come


def test_raci_letters_states_attitudes_offered_as_lists(blank) -> None:
    lists = blank["Listes"]
    columns = {lists.cell(row=1, column=j).value: [lists.cell(row=i, column=j).value
                                                   for i in range(2, lists.max_row + 1)]
               for j in range(1, lists.max_column + 1)}
    assert columns["RACI — Lettre"][:4] == ["R", "A", "C", "I"]
    assert [v for v in columns["Actions — État"] if v is not None] == list(L.ACTION_STATES)
    assert columns["Acteurs — Attitude"][:5] == list(L.ATTITUDES)


def test_bounded_numbers_checked(blank) -> None:
    dv = _validations(blank["Acteurs"])["D"]  # Pouvoir (influence)
    assert (dv.type, dv.operator, dv.formula1, dv.formula2) == ("whole", "between", "0", "4")


def test_instructions_explain_every_column_and_the_import_rule(blank) -> None:
    ws = blank["Instructions"]
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert "tout ou rien" in text and "existe déjà dans l'atelier" in text
    pairs = {(r[0].value, r[1].value) for r in ws.iter_rows() if r[0].value and r[1].value}
    for k in model.KIND_ORDER:
        for h in headers(k):
            assert (model.KINDS[k].label, h) in pairs


def test_example_holds_the_demo(tmp_path: Path) -> None:
    wb = load_workbook(write_example(tmp_path / "exemple.xlsx"), read_only=True)
    rows = list(wb["Acteurs"].iter_rows(values_only=True))
    assert len(rows) == 1 + 51
    assert rows[1][:8] == ("ACT-01", "Maire de Montaurel-sur-Sèvre", "élu", 4, 4, "allié", "oui", "CMP-13")
    raci = list(wb["RACI"].iter_rows(values_only=True))
    assert len(raci) - 1 == 259


@pytest.mark.parametrize("name", sorted(TEMPLATE_FILES))
def test_committed_gabarits_are_what_generation_produces(name: str, tmp_path: Path) -> None:
    committed = GABARITS / name
    assert committed.exists(), f"{committed} manquant : lancez « maillage gabarits »"
    fresh = TEMPLATE_FILES[name](tmp_path / name)
    assert signature(committed) == signature(fresh)


def test_generation_is_deterministic(tmp_path: Path) -> None:
    a = write_template(tmp_path / "a.xlsx")
    b = write_template(tmp_path / "b.xlsx")
    assert signature(a) == signature(b)
    assert load_workbook(a).properties.created == load_workbook(b).properties.created


def test_cli_gabarits_writes_both_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gabarits", "--sortie", str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(TEMPLATE_FILES)
    assert "Gabarits écrits" in capsys.readouterr().out
