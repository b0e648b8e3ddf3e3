from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import quote_etag
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods

from mingyi.accounts.ratelimit import RateLimited, client_key, rate_limit_hit
from mingyi.core.views import too_many_requests
from mingyi.questions.forms import AskForm
from mingyi.questions.page_cache import page_cacheable, page_key, question_page_fingerprint
from mingyi.questions.selectors import question_public_get, question_related, trending_terms
from mingyi.questions.selectors_workflow import question_by_token
from mingyi.questions.services import question_ask, review_due_before
from mingyi.seo.jsonld import ask_page, question_page
from mingyi.seo.meta import question_description

# What an asker writes (and the page that tracks it) is theirs alone: no proxy or
# shared cache may keep it.
never_cache_private = cache_control(private=True, no_store=True, no_cache=True, max_age=0)


def question_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Anonymous readers get the cached page (or a 304 for their ETag); signed-in users
    a fresh, private one."""
    if not page_cacheable(request):
        response = _question_render(request, pk)
        patch_cache_control(response, private=True, no_cache=True)
        return response
    fingerprint = question_page_fingerprint(pk=pk)
    if fingerprint is None:
        raise Http404("问题不存在")
    etag = quote_etag(fingerprint)
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return not_modified
    key = page_key(request, pk, fingerprint)
    html = cache.get(key)
    if html is None:
        response = _question_render(request, pk)
        cache.set(key, response.content, settings.MINGYI_PAGE_CACHE_SECONDS)
    else:
        response = HttpResponse(html)
    response["ETag"] = etag
    # Browsers revalidate every time (a 304 is cheap); nginx micro-caches for a second.
    patch_cache_control(response, public=True, max_age=0)
    return response


def _question_render(request: HttpRequest, pk: int) -> HttpResponse:
    question = question_public_get(pk=pk)
    if question is None:
        raise Http404("问题不存在")
    context = {
        "question": question,
        "answers": question.published_answers,
        "trending": trending_terms(department=question.department, limit=8),
        "related": question_related(question=question, limit=6),
        "canonical_url": reverse("questions:detail", args=[question.canonical_id or question.pk]),
        "review_due": review_due_before(),
        "jsonld": question_page(question, question.published_answers, request),
        "description": question_description(question, question.published_answers),
    }
    return render(request, "questions/detail.html", context)


@never_cache_private
@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest) -> HttpResponse:
    form = AskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rate_limit_hit(action="ask", who=client_key(request))
            outcome = question_ask(
                text=form.cleaned_data["text"],
                title=form.cleaned_data["title"],
                department=form.cleaned_data["department"],
                asker=request.user,
            )
        except RateLimited as exc:
            return too_many_requests(request, exc)
        except ValidationError as exc:
            form.add_error("text", exc.messages[0])
        else:
            context = {"outcome": outcome, "question": outcome.question, "triage": outcome.triage}
            return render(request, "questions/ask_done.html", context, status=201)
    return render(request, "questions/ask.html", {"form": form, "jsonld": ask_page(request)})


@never_cache_private
def ask_track(request: HttpRequest, token: str) -> HttpResponse:
    """The asker's private page: only whoever holds the link sees the question's state."""
    question = question_by_token(token=token)
    if question is None:
        raise Http404("链接无效")
    answers = question.answers.filter(status="published").select_related("doctor__hospital")
    response = render(request, "questions/track.html", {"question": question, "answers": answers})
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
