"""Parameters of the carnets as inputs with their defaults."""
from __future__ import annotations

from toolkit import gaps
from toolkit.core.store import Store
from toolkit.widgets.parameters import Parameters, Setting, settings_of


def test_defaults_shown_values_read_back_and_kept_on_click() -> None:
    store = Store("sqlite://")
    form = Parameters([Setting("a_share", 0.10, 0, 1, percent=True), Setting("idle_below", 0.5, 0, 1, percent=True)],
                      store=store, key="05")
    assert form.inputs["a_share"].value == 10
    assert "par défaut : 10\u00a0%" in form.widget.children[0].children[1].value
    form.inputs["a_share"].value = 25
    assert form.values == {"a_share": 0.25, "idle_below": 0.5}
    assert store.get_meta("carnet_params:05") is None  # nothing written before the click
    form.keep_button.click()
    again = Parameters([Setting("a_share", 0.10, 0, 1, percent=True)], store=store, key="05")
    assert again.values["a_share"] == 0.25
    again.reset_button.click()
    assert again.values["a_share"] == 0.10


def test_cost_parameters_come_from_the_dataclass() -> None:
    form = Parameters(settings_of(gaps.CostParams()))
    form.inputs["expert_day_rate"].value = 1100
    costs = gaps.CostParams(**form.values)
    assert costs.expert_day_rate == 1100 and costs.lasting_need_months == 6
    assert isinstance(costs.lasting_need_months, int)
    assert costs.allow_external is False and costs.min_recruit_fte == 0.5  # the remedies' thresholds
    form.inputs["allow_external"].value = 1
    assert gaps.CostParams(**form.values).allow_external is True
