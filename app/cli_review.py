"""``crv review``: the centre's editors decide on submissions from the command line, through the API, with a key
holding ``resources:review`` (``CRV_API_KEY``) — no curl, no If-Match by hand. ``take`` and ``give-back`` say « I'm
reviewing this », as the desk's button does: the queue shows who has each submission."""

from typing import Annotated, Any

import httpx
import typer
from rich.console import Console
from rich.table import Table

from app.http import version_etag
from app.services.desk_queue import TAKINGS, Taking
from app.services.push import make_client, problem_detail

review_app = typer.Typer(help="Editors: review the partners' submissions (a key with resources:review).")
console = Console()
errors = Console(stderr=True)

Server = Annotated[str, typer.Option(envvar="CRV_SERVER", help="Base URL of the crv API")]
Key = Annotated[str, typer.Option(envvar="CRV_API_KEY", help="Secret key with resources:review (better: CRV_API_KEY)")]
Reason = Annotated[str, typer.Option(help="Why, for the organisation (it sees this text)")]
ResourceId = Annotated[str, typer.Argument(help="e.g. bonne-pratique-cacao.fr")]
Over = Annotated[bool, typer.Option("--over", help="Take it over from the editor who has it (as read just before)")]
Taken = Annotated[
    Taking | None,
    typer.Option(help="Only those taken by this key (mine), by another editor (others) or by nobody (free)"),
]


def _ok(response: httpx.Response, doing: str) -> Any:
    if response.is_success:
        return response.json()
    errors.print(f"[red]{doing}: {response.status_code}[/red] {problem_detail(response)}")
    raise typer.Exit(1)


def _submission(client: httpx.Client, resource_id: str) -> tuple[dict[str, Any], str]:
    response = client.get(f"/v1/review/{resource_id}")
    return _ok(response, f"read {resource_id}"), response.headers.get("ETag", "")


def _taken(item: dict[str, Any]) -> str:
    """Who has the submission, since when (UTC), or « - »."""
    return f"{item['taken_by']} since {item['taken_at']}" if item.get("taken_by") else "-"


@review_app.command("list")
def review_list(server: Server, key: Key, taken: Taken = None) -> None:
    """Submissions waiting for a decision, oldest first (--taken: narrowed as the desk's queue is)."""
    params: dict[str, str | int] = {"per_page": 100} | ({"taken": taken.value} if taken else {})
    with make_client(server, key) as client:
        queue = _ok(client.get("/v1/review/queue", params=params), "queue")
    columns = ("id", "title", "publisher", "revision", "submitted", "published", "taken by")
    narrowed = f": {TAKINGS[taken].lower()}" if taken else ""
    table = Table(*columns, title=f"{queue['total']} waiting{narrowed}")
    for item in queue["items"]:
        revision = item["revision"]
        live = f"rev. {item['published_revision']}" if item["published_revision"] else "new"
        number, submitted = str(revision["number"]), revision["submitted_at"]
        table.add_row(item["id"], item["title"], item["publisher"], number, submitted, live, _taken(item))
    console.print(table)


@review_app.command("show")
def review_show(resource_id: ResourceId, server: Server, key: Key) -> None:
    """The submitted revision: fields, sources and Markdown body."""
    with make_client(server, key) as client:
        item, _ = _submission(client, resource_id)
    for name in ("id", "type", "title", "summary", "countries", "regions", "sectors", "risks", "audiences", "licence"):
        value = item[name]
        console.print(f"[bold]{name}[/bold]: {', '.join(value) if isinstance(value, list) else value}", markup=True)
    for source in item["sources"]:
        console.print(f"[bold]source[/bold]: {source['title']} <{source['url']}>")
    console.print(f"[bold]publisher[/bold]: {item['publisher']}, revision {item['revision']['number']}")
    console.print(f"[bold]taken by[/bold]: {_taken(item)}", markup=True, highlight=False)
    console.rule()
    console.print(item["body"], markup=False, highlight=False)


@review_app.command("diff")
def review_diff(resource_id: ResourceId, server: Server, key: Key) -> None:
    """What the submission changes: against the published revision, or the previous one for a new resource."""
    with make_client(server, key) as client:
        item, _ = _submission(client, resource_id)
        params = {"against": item["published_revision"]} if item["published_revision"] else {}
        number = item["revision"]["number"]
        diff = _ok(client.get(f"/v1/resources/{resource_id}/revisions/{number}/diff", params=params), "diff")
    console.print(f"revision {diff['from_revision'] or '(none)'} → {diff['to_revision']}", highlight=False)
    for line in diff["diff"].splitlines():
        style = "green" if line.startswith("+") else "red" if line.startswith("-") else None
        console.print(line, style=style, markup=False, highlight=False)


@review_app.command("take")
def review_take(resource_id: ResourceId, server: Server, key: Key, over: Over = False) -> None:
    """Take the submission for review (« I'm reviewing this »): the queue shows it is yours. Another editor has it:
    refused, saying who, unless --over (you take over their taking, not one made since)."""
    with make_client(server, key) as client:
        body: dict[str, Any] = {}
        if over:
            item, _ = _submission(client, resource_id)
            if item["taken_by"]:
                body = {"over": {"taken_by": item["taken_by"], "taken_at": item["taken_at"]}}
        response = client.post(f"/v1/review/{resource_id}/take", json=body)
    if response.status_code == 409 and not over:
        errors.print(f"[red]take: 409[/red] {problem_detail(response)}")
        errors.print(f"To take it over: crv review take {resource_id} --over", markup=False, highlight=False)
        raise typer.Exit(1)
    taken = _ok(response, "take")
    console.print(f"{resource_id} taken for review by {taken['taken_by']} since {taken['taken_at']}", highlight=False)


@review_app.command("give-back")
def review_give_back(resource_id: ResourceId, server: Server, key: Key) -> None:
    """Give the submission back: nobody reviews it any more (a decision gives it back too)."""
    with make_client(server, key) as client:
        response = client.delete(f"/v1/review/{resource_id}/take")
    if not response.is_success:
        _ok(response, "give back")
    console.print(f"{resource_id} given back: nobody is reviewing it")


@review_app.command("approve")
def review_approve(resource_id: ResourceId, server: Server, key: Key) -> None:
    """Publish the submitted revision."""
    with make_client(server, key) as client:
        _, etag = _submission(client, resource_id)
        item = _ok(client.post(f"/v1/review/{resource_id}/approve", headers={"If-Match": etag}), "approve")
    console.print(f"{resource_id} published: {item['url']}")


def _refuse(resource_id: str, reason: str, server: str, key: str, decision: str) -> None:
    """Send back (``reject``) or decline the submission as it was read, with the editor's reason."""
    with make_client(server, key) as client:
        _, etag = _submission(client, resource_id)
        _ok(
            client.post(f"/v1/review/{resource_id}/{decision}", json={"reason": reason}, headers={"If-Match": etag}),
            decision,
        )


@review_app.command("reject")
def review_reject(resource_id: ResourceId, reason: Reason, server: Server, key: Key) -> None:
    """Send the submission back to its organisation with a reason."""
    _refuse(resource_id, reason, server, key, "reject")
    console.print(f"{resource_id} sent back to its organisation")


@review_app.command("decline")
def review_decline(resource_id: ResourceId, reason: Reason, server: Server, key: Key) -> None:
    """Decline the submission for good, with a reason: it will not be published (a published resource keeps its
    published version)."""
    _refuse(resource_id, reason, server, key, "decline")
    console.print(f"{resource_id} declined: it will not be published")


@review_app.command("unpublish")
def review_unpublish(resource_id: ResourceId, reason: Reason, server: Server, key: Key) -> None:
    """Take a partner's published resource off the site, with a reason (not while a submission of it awaits
    review: decide on that first)."""
    with make_client(server, key) as client:
        published = _ok(client.get(f"/v1/resources/{resource_id}"), f"read {resource_id}")
        _ok(
            client.post(
                f"/v1/review/{resource_id}/unpublish",
                json={"reason": reason},
                headers={"If-Match": version_etag(published["version"])},
            ),
            "unpublish",
        )
    console.print(f"{resource_id} taken off the site")
