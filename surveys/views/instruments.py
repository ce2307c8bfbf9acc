"""The förbund's own instruments and scales (kansli). An answered instrument is never
changed: saving it makes a new version (services/own.py)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core import audit
from organisations.access import forbund_view

from ..forms import InstrumentForm, ScalesForm
from ..models import Instrument
from ..services import ensure_builtin
from ..services.own import (
    DefinitionError,
    questions_as_text,
    save_instrument,
    save_scales,
    scales_as_text,
    translations_as_text,
)


@forbund_view("surveys.manage")
def instrument_edit(request, instrument: int | None = None):
    ensure_builtin(request.forbund)
    item = None if instrument is None else get_object_or_404(Instrument, pk=instrument)
    initial = {}
    if item is not None:
        initial = {
            "code": item.code,
            "name": item.name,
            "group": item.group,
            "questions": questions_as_text(item),
            "translations": translations_as_text(item),
        }
    form = InstrumentForm(request.POST or None, initial=initial)
    scales = ScalesForm(request.POST or None, initial={"scales": scales_as_text(request.forbund)})
    if request.method == "POST" and form.is_valid() and scales.is_valid():
        data = form.cleaned_data
        try:
            save_scales(request.forbund, scales.cleaned_data["scales"])
            saved = save_instrument(
                request.forbund,
                data["code"],
                data["name"],
                data["group"],
                data["questions"],
                item,
                data["translations"],
            )
        except DefinitionError as error:
            form.add_error(None, str(error))
        else:
            audit.log(
                request.user,
                "survey.instrument_saved",
                saved,
                changes={"kod": saved.code, "version": saved.version},
            )
            if item is not None and saved.pk != item.pk:
                messages.info(
                    request,
                    _("Enkäten har svar och ändras inte; ändringen blev version %(v)s.")
                    % {"v": saved.version},
                )
            else:
                messages.success(request, _("Enkäten är sparad."))
            return redirect("surveys:index", forbund=request.forbund.slug)
    return render(
        request,
        "surveys/instrument_form.html",
        {"form": form, "scales": scales, "instrument": item, "frozen": item and item.frozen},
    )
