#!/usr/bin/env python3
"""Record a term's evidence for every academy of the trust from a CSV file.

A script a trust's data team can run from a scheduled job (docs/clients.md
"Python"). It pages through the trust's academies over GraphQL, and for each
academy with a row in the CSV file records that row as the term's evidence
(recordEvidence), passing the version it read so that nobody's newer change
is overwritten. It prints one line per academy and the designation computed.

    MAT_TOKEN=mat_... python3 record_evidence.py --server https://mat.example.org \\
        --year 2025/26 --term SPRING spring-evidence.csv

The CSV file has a `urn` column and one column per indicator, headed as the
risk matrix heads it ("P8", "Latest Ofsted judgement", "PA %") or by key
("ks4.progress8"); an empty cell is "not available". The token needs the
data-manager or trust-admin role. Exit status: 0 when every row was recorded,
1 when any was refused (each refusal is printed with the server's reason).
Needs the `requests` package (pip install requests).
"""

import argparse
import csv
import os
import sys
import time

import requests

ACADEMIES = """
query Academies($first: Int!, $after: String, $year: AcademicYear!) {
  academies(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { urn name evidence(year: $year) { term version } } }
  }
}
"""

RECORD = """
mutation Record($urn: URN!, $year: AcademicYear!, $term: Term!,
                $expectedVersion: Int, $evidence: [EvidenceInput!]!) {
  recordEvidence(urn: $urn, year: $year, term: $term,
                 expectedVersion: $expectedVersion, evidence: $evidence) {
    evidence { version }
    designation { insufficientEvidence computed { label } }
  }
}
"""


class GraphQLError(Exception):
    """The server refused an operation: its message and extensions.code."""

    def __init__(self, message, code):
        super().__init__(message)
        self.code = code


class Client:
    """GraphQL over HTTP with a bearer token, waiting out a rate limit (429, Retry-After)."""

    def __init__(self, server, token):
        self.url = server.rstrip("/") + "/graphql"
        self.session = requests.Session()
        self.session.headers["Authorization"] = "Bearer " + token

    def request(self, query, variables):
        for _ in range(5):
            response = self.session.post(
                self.url, json={"query": query, "variables": variables}, timeout=60
            )
            if response.status_code == 429:
                time.sleep(int(response.headers.get("Retry-After", "5")))
                continue
            body = response.json()
            if body.get("errors"):
                first = body["errors"][0]
                raise GraphQLError(first["message"], first.get("extensions", {}).get("code"))
            return body["data"]
        raise GraphQLError("still rate limited after five tries", "RATE_LIMITED")

    def academies(self, year, page_size):
        """Every academy the token may see, a page at a time."""
        after = None
        while True:
            page = self.request(
                ACADEMIES, {"first": page_size, "after": after, "year": year}
            )["academies"]
            for edge in page["edges"]:
                yield edge["node"]
            if not page["pageInfo"]["hasNextPage"]:
                return
            after = page["pageInfo"]["endCursor"]


def read_rows(path):
    """The CSV file's rows by URN: a list of {indicator, value} per academy."""
    rows = {}
    with open(path, newline="", encoding="utf-8-sig") as file:
        for row in csv.DictReader(file):
            urn = (row.pop("urn", "") or "").strip()
            if not urn:
                continue
            rows[urn] = [
                {"indicator": header, "value": (value or "").strip() or None}
                for header, value in row.items()
            ]
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("evidence", help="CSV file: a urn column and one column per indicator")
    parser.add_argument("--server", default=os.environ.get("MAT_SERVER", "http://localhost:4000"))
    parser.add_argument("--year", required=True, help="academic year, such as 2025/26")
    parser.add_argument("--term", required=True, choices=["AUTUMN", "SPRING", "SUMMER"])
    parser.add_argument("--page-size", type=int, default=100, help="academies per page (1 to 500)")
    args = parser.parse_args(argv)
    token = os.environ.get("MAT_TOKEN")
    if not token:
        parser.error("set MAT_TOKEN to your token (mat_...)")

    client = Client(args.server, token)
    rows = read_rows(args.evidence)
    refused = 0
    seen = set()
    for academy in client.academies(args.year, args.page_size):
        urn = academy["urn"]
        seen.add(urn)
        if urn not in rows:
            continue
        current = [record for record in academy["evidence"] if record["term"] == args.term]
        variables = {
            "urn": urn,
            "year": args.year,
            "term": args.term,
            "expectedVersion": current[0]["version"] if current else None,
            "evidence": rows[urn],
        }
        try:
            result = client.request(RECORD, variables)["recordEvidence"]
        except GraphQLError as error:
            refused += 1
            print(f"{urn} {academy['name']}: refused ({error.code}): {error}")
            continue
        designation = result["designation"]
        level = (
            "insufficient evidence"
            if designation["insufficientEvidence"]
            else (designation["computed"] or {}).get("label", "no level")
        )
        print(f"{urn} {academy['name']}: recorded (version {result['evidence']['version']}), {level}")
    for urn in sorted(set(rows) - seen):
        refused += 1
        print(f"{urn}: not an academy of your trust (or not one your token may see)")
    print(f"{len(seen)} academies read, {len(rows) - refused} recorded, {refused} refused")
    return 1 if refused else 0


if __name__ == "__main__":
    sys.exit(main())
