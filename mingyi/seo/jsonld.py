"""schema.org structured data for every page type readers land on (home, search, ask,
question, doctor), built as dicts and serialized with json_script-safe escaping in the
templates."""

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from mingyi.core.sanitize import answer_html
from mingyi.doctors.models import Doctor
from mingyi.questions.models import Question


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def physician(doctor: Doctor, request: HttpRequest) -> dict:
    return {
        "@type": "Physician",
        "name": doctor.name,
        "url": request.build_absolute_uri(doctor.get_absolute_url()),
        # schema.org Physician is a medical organization: no jobTitle; the title describes.
        "description": doctor.title,
        "medicalSpecialty": doctor.department.name,
        "hospitalAffiliation": {"@type": "Hospital", "name": doctor.hospital.name},
    }


def question_page(question: Question, answers: list, request: HttpRequest) -> list[dict]:
    """QAPage (the question and its doctors' answers) and MedicalWebPage (review)."""
    url = request.build_absolute_uri(question.get_absolute_url())
    rendered = []
    for answer in answers:
        item = {
            "@type": "Answer",
            # schema.org Answer text is HTML: the same sanitized subset the page shows.
            "text": str(answer_html(answer.body)),
            "dateCreated": _iso(answer.published_at),
            "url": url,
            "upvoteCount": 0,
        }
        if answer.doctor and answer.doctor.is_verified:
            item["author"] = physician(answer.doctor, request)
        rendered.append(item)
    main = {
        "@type": "Question",
        "name": question.title,
        "text": question.body or question.title,
        "answerCount": len(rendered),
        "dateCreated": _iso(question.published_at or question.created_at),
    }
    if rendered:
        main["acceptedAnswer"] = rendered[0]
        if len(rendered) > 1:
            main["suggestedAnswer"] = rendered[1:]
    reviewed = [a for a in answers if a.reviewed_at]
    page = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "url": url,
        "name": question.title,
        "inLanguage": "zh-CN",
        "publisher": {"@type": "Organization", "name": settings.MINGYI_SITE_NAME},
    }
    if reviewed:
        latest = max(reviewed, key=lambda a: a.reviewed_at)
        page["lastReviewed"] = latest.reviewed_at.date().isoformat()
        reviewer = latest.reviewed_by
        if reviewer is not None:
            page["reviewedBy"] = {
                "@type": "Person",
                "name": reviewer.get_full_name() or reviewer.get_username(),
            }
    return [{"@context": "https://schema.org", "@type": "QAPage", "mainEntity": main}, page]


def doctor_page(doctor: Doctor, request: HttpRequest) -> dict:
    return {"@context": "https://schema.org", **physician(doctor, request)}


def _site(request: HttpRequest) -> dict:
    return {
        "@type": "WebSite",
        "name": settings.MINGYI_SITE_NAME,
        "url": request.build_absolute_uri("/"),
        "inLanguage": "zh-CN",
    }


def home_page(request: HttpRequest) -> dict:
    """The site, with the search it offers (what search engines show as a search box)."""
    target = request.build_absolute_uri(reverse("search:results")) + "?q={search_term_string}"
    return {
        "@context": "https://schema.org",
        **_site(request),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": target},
            "query": "required",
        },
    }


def search_page(query: str, request: HttpRequest) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "SearchResultsPage",
        "name": f"搜索:{query}" if query else "搜索",
        "url": request.build_absolute_uri(),
        "inLanguage": "zh-CN",
        "isPartOf": _site(request),
    }


def ask_page(request: HttpRequest) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": "向认证医生提问",
        "description": "匿名提问,由认证医生回答;紧急情况请立即拨打 120。",
        "url": request.build_absolute_uri(),
        "inLanguage": "zh-CN",
        "isPartOf": _site(request),
    }
