"""Labels and handover forms: what is printed, stuck on equipment and signed."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from kilombero_ict.roles import user_roles

from .. import selectors, services
from ..filters import AssetFilter
from ..models import Asset
from ..qr import qr_svg
from .base import register_tabs
from .register import label_url

MAX_LABELS = 240  # ten A4 sheets of 24


def label_public(request, token):
    """What scanning a label shows: for people who may see the asset, its page; for anyone else, only the tag and whom to call."""
    asset = get_object_or_404(Asset.objects.only("pk", "tag", "label_token"), label_token=token)
    if request.user.is_authenticated:
        visible = selectors.assets_visible_to(request.user).filter(pk=asset.pk).exists()
        if visible:
            return redirect("assets:detail", pk=asset.pk)
    response = render(request, "assets/label_public.html", {"tag": asset.tag})
    response["X-Robots-Tag"] = "noindex"
    return response


def label_sheet(request):
    """An A4 sheet of labels (council short name, tag, QR) for the chosen assets or the current filter."""
    ids = [value for value in request.GET.getlist("asset") if value.isdigit()][:MAX_LABELS]
    if ids:
        assets = selectors.assets_for_labels(request.user, ids)
    else:
        flt = AssetFilter(
            request.GET, queryset=selectors.assets_visible_to(request.user).select_related("model__manufacturer")
        )
        assets = list(flt.qs.order_by("tag")[:MAX_LABELS]) if flt.is_valid() else []
    labels = [{"asset": asset, "qr": qr_svg(label_url(request, asset), scale=3)} for asset in assets]
    return render(
        request,
        "assets/labels.html",
        {
            "labels": labels,
            "limit": MAX_LABELS,
            "register_tabs": register_tabs(request),
            "back_query": request.GET.urlencode(),
        },
    )


def handover_form(request, pk):
    """The printable handover (or return) form; the holder can accept it here too."""
    handover = selectors.handover_get_for(request.user, pk)
    return render(
        request,
        "assets/handover.html",
        {
            "handover": handover,
            "asset": handover.asset,
            "can_accept": services.handover_can_accept(request.user, handover),
            "is_ict": user_roles(request.user).is_ict,
        },
    )


class HandoverAcceptView(View):
    """The holder's online acceptance of a handover (POST only)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        handover = selectors.handover_get_for(request.user, pk)
        next_url = request.POST.get("next")
        if next_url not in (reverse("assets:mine"), reverse("assets:department")):
            next_url = handover.get_absolute_url()
        try:
            services.handover_accept(user=request.user, handover=handover)
        except ValidationError as exc:
            for text in exc.messages:
                messages.error(request, text)
        else:
            messages.success(
                request,
                _("Thank you: you accepted handover %(ref)s for %(tag)s.")
                % {"ref": handover.reference, "tag": handover.asset.tag},
            )
        return redirect(next_url)
