"""The answer form without login, at /enkat/<token>/ (phone first, one page, plain Swedish)."""

from __future__ import annotations

from django import forms
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_scopes import scope, scopes_disabled

from core.forms import Form
from organisations.access import public_view

from ..choices import QuestionKind
from ..languages import HTML_LANG, LANGUAGES
from ..models import Round
from ..services.answering import WebAnswer, over_rate_limit, save_web_answer

GENDER_CHOICES = [
    ("kvinna", _("Kvinna")),
    ("man", _("Man")),
    ("ej_angivet", _("Annat / vill inte svara")),
]
HONEYPOT = "webbplats"


def _round(token: str) -> Round:
    with scopes_disabled():
        try:
            return Round.objects.select_related("forbund", "instrument").get(token=token)
        except Round.DoesNotExist:
            raise Http404 from None


def translation(round: Round, language: str) -> dict:
    """The instrument's translation into `language` ({} for Swedish or none)."""
    if language not in LANGUAGES or language == "sv":
        return {}
    return round.instrument.translations.get(language) or {}


def answer_form(round: Round, insatser, questions, data=None, language: str = "sv") -> forms.Form:
    fields: dict[str, forms.Field] = {}
    translated = translation(round, language)
    texts = translated.get("fragor", {})
    steps_in = translated.get("steg", {})
    if len(insatser) > 1:
        fields["insats"] = forms.ChoiceField(
            label=_("Vilken insats har du varit med i?"),
            choices=[(i.code, i.name) for i in insatser],
            widget=forms.RadioSelect,
            error_messages={"required": _("Välj den insats du har varit med i.")},
        )
    if round.uses_codes:
        fields["kod"] = forms.CharField(
            label=_("Din kod"),
            max_length=20,
            help_text=_("Koden står på lappen du har fått."),
            error_messages={"required": _("Skriv koden från din lapp.")},
        )
    for question in questions:
        name = f"q_{question.code}"
        if question.kind == QuestionKind.TEXT:
            fields[name] = forms.CharField(
                label=texts.get(question.code, question.text),
                required=False,
                max_length=2000,
                widget=forms.Textarea,
            )
        else:
            assert question.scale is not None
            steps = list(question.scale.steps)
            own = steps_in.get(question.scale.code)
            if isinstance(own, list) and len(own) == len(steps):
                steps = own
            fields[name] = forms.TypedChoiceField(
                label=texts.get(question.code, question.text),
                required=False,
                coerce=int,
                choices=[(n, step) for n, step in enumerate(steps, 1)],
                widget=forms.RadioSelect,
            )
    fields["kon"] = forms.ChoiceField(
        label=translated.get("texter", {}).get("kon") or _("Kön (frivilligt)"),
        required=False,
        choices=GENDER_CHOICES,
        widget=forms.RadioSelect,
    )
    fields[HONEYPOT] = forms.CharField(
        label=_("Lämna tomt"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    form_class = type("AnswerForm", (Form,), fields)
    return form_class(data)


@public_view
@never_cache
def answer(request, survey_token: str):
    round = _round(survey_token)
    today = timezone.localdate()
    with scope(forbund=round.forbund):
        insatser = list(round.insatser.order_by("code"))
        preselected = request.GET.get("insats", "")
        chosen = [i for i in insatser if i.code == preselected]
        if chosen:
            insatser = chosen
        if not round.accepts_answers(today):
            return render(request, "surveys/public_closed.html", {"round": round}, status=410)
        questions = list(round.instrument.questions.select_related("scale"))
        posted = request.POST if request.method == "POST" else None
        language = request.GET.get("sprak", "sv")
        if language not in round.instrument.translations:
            language = "sv"
        form = answer_form(round, insatser, questions, posted, language)
        if request.method == "POST":
            if form.data.get(HONEYPOT):
                return redirect(
                    "survey_thanks", survey_token=survey_token
                )  # a robot: pretend all is well
            if over_rate_limit(round, request.META.get("REMOTE_ADDR", "")):
                return render(request, "surveys/public_limited.html", {"round": round}, status=429)
            if form.is_valid():
                data = form.cleaned_data
                insats = (
                    insatser[0]
                    if len(insatser) == 1
                    else next(i for i in insatser if i.code == data["insats"])
                )
                web = WebAnswer(
                    instrument=round.instrument,
                    insats=insats,
                    date=today,
                    gender=data["kon"] or "ej_angivet",
                    steps={
                        q.pk: data[f"q_{q.code}"]
                        for q in questions
                        if q.kind != QuestionKind.TEXT
                        and data[f"q_{q.code}"] is not None
                        and data[f"q_{q.code}"] != ""
                    },
                    texts={
                        q.pk: data[f"q_{q.code}"].strip()
                        for q in questions
                        if q.kind == QuestionKind.TEXT and data[f"q_{q.code}"].strip()
                    },
                )
                if not web.steps and not web.texts:
                    form.add_error(None, _("Svara på minst en fråga innan du skickar."))
                elif save_web_answer(round, web, data.get("kod")):
                    return redirect("survey_thanks", survey_token=survey_token)
                else:
                    form.add_error("kod", _("Koden finns inte eller har redan använts."))
    return render(
        request,
        "surveys/public_form.html",
        {
            "round": round,
            "form": form,
            "honeypot": HONEYPOT,
            "title": translation(round, language).get("namn") or round.instrument.name,
            "language": language,
            "html_lang": HTML_LANG.get(language, "sv"),
            "rtl": LANGUAGES.get(language, ("", False))[1],
            "languages": [
                (code, LANGUAGES[code][0], HTML_LANG[code], LANGUAGES[code][1])
                for code in ["sv", *sorted(round.instrument.translations)]
                if code in LANGUAGES
            ],
            "insats": preselected,
            "texts": translation(round, language).get("texter", {}),
        },
        status=400 if form.errors else 200,
    )


@public_view
def thanks(request, survey_token: str):
    round = _round(survey_token)
    return render(request, "surveys/public_thanks.html", {"round": round})
