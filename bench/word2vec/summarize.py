#!/usr/bin/env python3
"""Prints the results table of run.sh from its results.tsv and quality.tsv (also usable on a partial run).

usage: summarize.py RESULTS.tsv QUALITY.tsv TOKENS EPOCHS THREADS RUNS TRAIN_FILE
"""
import statistics, sys, json, platform, subprocess
results, quality, tokens, epochs, threads, runs, train = sys.argv[1:8]
tokens, epochs = int(tokens), int(epochs)
rows = {}
for line in open(results):
    tool, run, wall, rss, extra, cpu = line.rstrip("\n").split("\t")
    rows.setdefault(tool, []).append((float(wall), int(rss), extra, float(cpu)))
q = {l.split("\t")[0]: l.rstrip("\n").split("\t")[1:] for l in open(quality)}
cpu = subprocess.run("lscpu | sed -n 's/^Model name: *//p'", shell=True, capture_output=True, text=True).stdout.strip()
print(f"# word2vec skip-gram, dim 100, window 5, negative 5, sample 1e-3, min-count 5, {epochs} epochs, {threads} threads")
print(f"# corpus {train}: {tokens} tokens; words/s = {epochs} x {tokens} / wall seconds (whole process); median of {runs} run(s)")
print(f"# machine: {cpu}, {subprocess.run('nproc', capture_output=True, text=True).stdout.strip()} cores; load from other users is not controlled")
print("# CPU s = user + system time of the process (less sensitive to other users' load than wall time)")
c_wps = c_cpu = None
if "c" in rows:
    c_wps = epochs * tokens / statistics.median(r[0] for r in rows["c"])
    c_cpu = statistics.median(r[3] for r in rows["c"])
print("| tool | wall s (median) | words/s (median) | vs C (wall) | CPU s (median) | vs C (CPU) | peak RSS MiB | WS353 | SimLex | analogy % (n) | note |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
out = {}
for tool, rs in rows.items():
    wall = statistics.median(r[0] for r in rs)
    cpu = statistics.median(r[3] for r in rs)
    wps = epochs * tokens / wall
    rss = statistics.median(r[1] for r in rs) / 1024
    ws, sl, an, n = q.get(tool, ["?"] * 4)
    note = ""
    if tool == "c":
        note = "C progress at exit: " + ",".join(r[2] + "%" for r in rs)
    ratio = f"{wps / c_wps:.2f}x" if c_wps else "-"
    cratio = f"{c_cpu / cpu:.2f}x" if c_cpu else "-"
    print(f"| {tool} | {wall:.1f} | {wps:,.0f} | {ratio} | {cpu:.1f} | {cratio} | {rss:.0f} | {ws} | {sl} | {an} ({n}) | {note} |")
    out[tool] = {"walls": [r[0] for r in rs], "cpus": [r[3] for r in rs], "median_wall": wall, "median_cpu": cpu,
                 "words_per_second": wps, "peak_rss_mib": rss,
                 "wordsim353": ws, "simlex999": sl, "analogy": an, "analogy_n": n}
json.dump(out, open(results.replace(".tsv", ".json"), "w"), indent=1)
