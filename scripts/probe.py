"""The long probe of a running API: schemathesis over every documented operation, many cases each.

    crv serve --port 8011 &                       # a server with content loaded and indexed
    python scripts/probe.py --url http://127.0.0.1:8011 --key "$CRV_ADMIN_KEY" --examples 1000

The key should hold every scope (resources:write, resources:review, admin) so that requests reach validation.
Prints one line per operation and a total; exits 1 when any request got a 5xx. ``make test`` runs a bounded version
of this (tests/hardening/test_schemathesis.py).
"""

import argparse
import sys
import time
from collections import Counter

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True, help="Base URL of the running API")
    parser.add_argument("--key", required=True, help="An API key with every scope")
    parser.add_argument("--examples", type=int, default=1000, help="Cases per operation")
    args = parser.parse_args()
    schema = schemathesis.openapi.from_url(f"{args.url}/openapi.json")
    statuses: Counter[int] = Counter()
    errors: list[str] = []
    started = time.monotonic()
    for result in schema.get_all_operations():
        operation = result.ok()
        before = sum(statuses.values())

        @given(case=operation.as_strategy())
        @settings(
            max_examples=args.examples,
            derandomize=True,
            database=None,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def call(case: schemathesis.Case) -> None:
            response = case.call(base_url=args.url, headers={"Authorization": f"Bearer {args.key}"}, timeout=60)
            statuses[response.status_code] += 1
            if response.status_code >= 500:
                errors.append(f"{case.method} {case.path}: {response.status_code} {response.text[:200]}")

        call()
        print(f"{operation.method.upper():6} {operation.path}: {sum(statuses.values()) - before} cases", flush=True)
    total = sum(statuses.values())
    elapsed = time.monotonic() - started
    summary = ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items()))
    print(f"{total} cases in {elapsed:.0f} s; statuses {summary}; server errors: {len(errors)}")
    for error in errors[:50]:
        print("  " + error)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
