#!/usr/bin/env python3
"""Coordinator API benchmark (issue 6): run against a running CareRota on loopback.

  python3 api/bench/coordinator-bench.py --base http://localhost:8080 --users 50 --seconds 30

1. Day view: USERS concurrent coordinators (keep-alive connections, one thread each) repeat the
   coordinator's day view of one area and one day (carers with their ordered visits and the
   people visited) for SECONDS; prints requests, throughput, p50/p95/p99/max latency.
2. generateRota: N sequential calls, each job stopped at once; prints p50/p99/max of the call.

Needs only Python 3 (standard library). Loopback only: refuses a non-local base URL.
Uses the demo issuer (POST /demo/token), so the app must run with the demo profile (the
embedded default) and the demo region (size M by default), with a published rota (the demo
start-up publishes the first demo day).
"""
import argparse
import http.client
import json
import statistics
import threading
import time
import urllib.parse

DAY_VIEW = """query($area: UUID!, $date: Date!) { rota(area: $area, date: $date) { date plan { id revision
  routes(date: $date) { carer { id name } leavesAt returnsAt
    assignments { position startAt endAt visit { id windowStart windowEnd durationMinutes
      serviceUser { id name postcode } } } } } } }"""


def post(conn, path, body, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    conn.request("POST", path, body=json.dumps(body), headers=headers)
    response = conn.getresponse()
    data = response.read()
    return response.status, data


def graphql(conn, token, query, variables):
    status, data = post(conn, "/graphql", {"query": query, "variables": variables}, token)
    if status != 200:
        raise RuntimeError(f"HTTP {status}: {data[:200]!r}")
    return json.loads(data)


def percentile(values, p):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, int(round(p / 100.0 * len(ordered) + 0.5)) - 1))
    return ordered[index]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://localhost:8080")
    parser.add_argument("--user", default="coordinator.norfolk")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--generate", type=int, default=10)
    parser.add_argument("--date", default=None, help="day of the view (default: the first published day found)")
    args = parser.parse_args()
    url = urllib.parse.urlparse(args.base)
    if url.hostname not in ("localhost", "127.0.0.1", "::1"):
        raise SystemExit("loopback only: --base must be localhost")
    host, port = url.hostname, url.port or 80

    conn = http.client.HTTPConnection(host, port, timeout=30)
    status, data = post(conn, "/demo/token", {"user": args.user})
    if status != 200:
        raise SystemExit(f"no demo token ({status}): is the demo profile on?")
    token = json.loads(data)["access_token"]

    areas = graphql(conn, token, "{ areas { id name } }", {})["data"]["areas"]
    target = None
    days = [args.date] if args.date else [time.strftime("%Y-%m-%d", time.localtime(time.time() + 86400 * d))
                                          for d in range(-1, 8)]
    for day in days:
        for area in areas:
            result = graphql(conn, token, DAY_VIEW, {"area": area["id"], "date": day})
            rota = (result.get("data") or {}).get("rota")
            if rota:
                visits = sum(len(r["assignments"]) for r in rota["plan"]["routes"])
                if target is None or visits > target[2]:
                    target = (area, day, visits, len(rota["plan"]["routes"]), len(json.dumps(result)))
        if target:
            break
    if not target:
        raise SystemExit("no published rota found: generate and publish one first")
    area, day, visits, carers, size = target
    print(f"day view: {area['name']} on {day}: {carers} carers, {visits} visits, {size} bytes per answer")

    latencies = []
    errors = [0]
    lock = threading.Lock()
    stop_at = [0.0]
    record = [False]

    def user():
        c = http.client.HTTPConnection(host, port, timeout=30)
        body = {"query": DAY_VIEW, "variables": {"area": area["id"], "date": day}}
        while time.time() < stop_at[0]:
            started = time.perf_counter()
            try:
                status, data = post(c, "/graphql", body, token)
                ok = status == 200 and b'"errors"' not in data
            except Exception:
                ok = False
                c = http.client.HTTPConnection(host, port, timeout=30)
            elapsed = (time.perf_counter() - started) * 1000
            if record[0]:
                with lock:
                    if ok:
                        latencies.append(elapsed)
                    else:
                        errors[0] += 1

    threads = [threading.Thread(target=user, daemon=True) for _ in range(args.users)]
    stop_at[0] = time.time() + args.warmup + args.seconds
    for t in threads:
        t.start()
    time.sleep(args.warmup)
    record[0] = True
    measured_from = time.time()
    for t in threads:
        t.join()
    span = time.time() - measured_from
    print(f"day view, {args.users} concurrent users, {args.seconds} s (after {args.warmup} s warm-up):")
    print(f"  requests {len(latencies)}, errors {errors[0]}, {len(latencies) / span:.0f} req/s")
    if latencies:
        print(f"  p50 {percentile(latencies, 50):.1f} ms, p95 {percentile(latencies, 95):.1f} ms,"
              f" p99 {percentile(latencies, 99):.1f} ms, max {max(latencies):.1f} ms")

    generate = []
    for _ in range(args.generate):
        started = time.perf_counter()
        result = graphql(conn, token, "mutation($a: UUID!, $d: Date!) { generateRota(input: {area: $a, from: $d,"
                                      " to: $d, timeLimitSeconds: 1}) { __typename ... on RotaGenerationQueued"
                                      " { job { id } } } }", {"a": area["id"], "d": day})
        generate.append((time.perf_counter() - started) * 1000)
        job = result["data"]["generateRota"]["job"]["id"]
        graphql(conn, token, "mutation($id: UUID!) { stopSolverJob(input: {id: $id}) { __typename } }", {"id": job})
    if generate:
        print(f"generateRota ({len(generate)} calls): p50 {statistics.median(generate):.1f} ms,"
              f" p99 {percentile(generate, 99):.1f} ms, max {max(generate):.1f} ms")


if __name__ == "__main__":
    main()
