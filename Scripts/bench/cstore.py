"""C-STORE receive throughput: dcmtk's storescu sends the same folder to Sluice and to dcmtk's storescp.

Sluice (`sluice serve --dicom-port`) also reads, routes and places every instance into the prearchive (one
fsync per file); storescp only writes files. Each round starts both receivers fresh, then times one storescu run
per receiver (all files in one association) with Nagle's algorithm off in dcmtk (`TCP_NODELAY=1` for storescu
and storescp; Sluice always sets it), the fair comparison: left on, dcmtk stalls 20-40 ms per object
(performance.md). `--nagle` adds one round with dcmtk's defaults to show that.
Goal: Sluice at least 0.8x storescp's files/s (median of per-round ratios). Results: bench-results/cstore-<time>.json.
"""
import argparse
import json
import os
import pathlib
import socket
import statistics
import subprocess
import tempfile
import time


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_port(port, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {port}")


def send(port, data, nodelay=True):
    env = dict(os.environ)
    if nodelay:
        env["TCP_NODELAY"] = "1"
    else:
        env.pop("TCP_NODELAY", None)
    start = time.perf_counter()
    subprocess.run(["storescu", "-aec", "XNAT", "127.0.0.1", str(port), "+sd", "+r", str(data)], check=True, env=env)
    return time.perf_counter() - start


def sluice_round(binary, data, nodelay=True):
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        env = {k: v for k, v in os.environ.items() if not k.startswith("SLUICE_")}
        env["SLUICE_ADMIN_PASSWORD"] = "bench"
        process = subprocess.Popen(
            [binary, "serve", "--port", "0", "--dicom-port", str(port), "--data-dir", folder, "--log-level", "warning"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            wait_port(port)
            return send(port, data, nodelay)
        finally:
            process.terminate()
            process.wait()


def storescp_round(data, nodelay=True):
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        # dcmtk reads TCP_NODELAY on both sides: the receiver must not be left with Nagle on either.
        env = dict(os.environ)
        if nodelay:
            env["TCP_NODELAY"] = "1"
        else:
            env.pop("TCP_NODELAY", None)
        process = subprocess.Popen(["storescp", "-aet", "XNAT", "-od", folder, str(port)], env=env)
        try:
            wait_port(port)
            return send(port, data, nodelay)
        finally:
            process.terminate()
            process.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default="bench-data/mr")
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "5")))
    parser.add_argument("--results", default="bench-results")
    parser.add_argument("--nagle", action="store_true", help="also one round with a default (Nagle-on) sender")
    bench_bin = os.environ.get("SLUICE_BENCH_BIN", ".build/release/sluice-bench")
    parser.add_argument("--sluice", default=os.path.join(os.path.dirname(bench_bin), "sluice"))
    args = parser.parse_args()
    files = [p for p in pathlib.Path(args.data).rglob("*.dcm")]
    size = sum(p.stat().st_size for p in files)
    sluice_rounds, storescp_rounds = [], []
    for _ in range(args.runs):
        sluice_rounds.append(sluice_round(args.sluice, args.data))
        storescp_rounds.append(storescp_round(args.data))
    ratios = [b / a for a, b in zip(sluice_rounds, storescp_rounds)]
    result = {
        "files": len(files), "bytes": size, "runs": args.runs, "sender_nodelay": True,
        "sluice_seconds": sluice_rounds, "storescp_seconds": storescp_rounds,
        "median_ratio_sluice_vs_storescp": statistics.median(ratios), "goal": 0.8,
    }
    if args.nagle:
        result["nagle_sender"] = {
            "sluice_seconds": sluice_round(args.sluice, args.data, nodelay=False),
            "storescp_seconds": storescp_round(args.data, nodelay=False),
        }
        print(f"default (Nagle-on) sender: {result['nagle_sender']}")
    for name, rounds in (("Sluice", sluice_rounds), ("storescp", storescp_rounds)):
        median = statistics.median(rounds)
        print(f"{name:9} median {median:.3f} s  {len(files) / median:,.0f} files/s  {size / median / 1e6:,.1f} MB/s")
    print(f"Sluice vs storescp (files/s, median of per-round ratios): {result['median_ratio_sluice_vs_storescp']:.2f}x (goal 0.8x)")
    out = pathlib.Path(args.results)
    out.mkdir(parents=True, exist_ok=True)
    (out / f"cstore-{time.strftime('%Y%m%d-%H%M%S')}.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
