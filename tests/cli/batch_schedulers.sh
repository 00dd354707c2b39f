#!/usr/bin/env bash
# batch_schedulers.sh — the Slurm array script and the Kubernetes Indexed Job of docs/batch.md,
# taken from the document itself and run locally: each task's command with the scheduler's
# variables set (SLURM_ARRAY_TASK_ID / JOB_COMPLETION_INDEX, 3 shards), the shared paths pointed
# at a scratch folder, then the documented merge-reports; the merged reports must equal one
# unsharded run. Also --shard auto without any scheduler variable (exit 3).
# Usage: bash batch_schedulers.sh <suanpan> <shared-dir>
set -u
SP=$(realpath "$1")
SRC=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d /tmp/sp-batch-sched.XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
mkdir -p "$T/bin" "$T/shared" "$T/data"
ln -s "$SP" "$T/bin/suanpan"
export PATH="$T/bin:$PATH"
/usr/bin/python3 "$SRC/tests/batch/gen_workbooks.py" "$SRC/workbooks/samples" 60 "$T/shared/2024决算" 60 || exit 1
cp -r "$T/shared/2024决算" "$T/data/2024决算"
suanpan batch "$T/shared/2024决算" --out "$T/whole" -q || fail "unsharded run exited $?"

/usr/bin/python3 - "$SRC/docs/batch.md" "$T" <<'PY' || fail "documented scheduler commands"
import os, re, subprocess, sys, yaml
doc, t = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2]
blocks = re.findall(r"```(\w+)\n(.*?)```", doc, re.S)
slurm = next(b for k, b in blocks if k == "bash" and "#SBATCH --array" in b)
submit = next(b for k, b in blocks if k == "bash" and "sbatch --dependency" in b)
job = yaml.safe_load(next(b for k, b in blocks if k == "yaml" and "completionMode: Indexed" in b))
fails = []
def run(cmd, env, shell="bash"):
    e = dict(os.environ, **env)
    p = subprocess.run([shell, "-c", cmd] if shell == "sh" else ["bash", "-c", cmd], env=e, capture_output=True, text=True)
    if p.returncode != 0: fails.append("%r exited %d: %s" % (cmd[:80], p.returncode, p.stderr[-400:]))

# Slurm: the script, once per array task, with the variables sbatch would set.
script = slurm.replace("/shared/", t + "/shared/")
for i in (1, 2, 3):
    run(script, {"SLURM_ARRAY_TASK_ID": str(i), "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_MIN": "1",
                 "SLURM_CPUS_PER_TASK": "1"})
merge = re.search(r'--wrap "([^"]+)"', submit).group(1).replace("/shared/", t + "/shared/")
run(merge, {})

# Kubernetes: the container's command, once per completion index, with the Job's env.
spec = job["spec"]["template"]["spec"]["containers"][0]
assert spec["command"] == ["/bin/sh", "-c"], spec["command"]
env = {e["name"]: e["value"] for e in spec.get("env", [])}
assert int(env["SHARDS"]) == job["spec"]["completions"], "SHARDS must equal completions"
env["SHARDS"] = "3"
cmd = spec["args"][0].replace("/data/", t + "/data/")
for i in (0, 1, 2):
    run(cmd, dict(env, JOB_COMPLETION_INDEX=str(i)), shell="sh")
m = re.search(r"`(suanpan merge-reports /data/review/shard-\* --out /data/review/all)`", doc).group(1)
run(m.replace("/data/", t + "/data/"), {})
for f in fails: print("FAIL:", f)
sys.exit(1 if fails else 0)
PY

/usr/bin/python3 - "$T/whole" "$T/shared/review/all" "$T/data/review/all" <<'PY' || fail "merged shards differ from the unsharded run"
import json, os, sys
def rows(d):
    out = []
    for l in open(os.path.join(d, "workbooks.jsonl"), encoding="utf-8"):
        r = json.loads(l); r.pop("seconds"); out.append(r)
    return out
whole = rows(sys.argv[1])
assert len(whole) == 60
for d in sys.argv[2:]:
    got = rows(d)
    # paths differ (the copies under data/): compare everything but the path
    for a, b in zip(whole, got):
        a2, b2 = dict(a), dict(b)
        for r in (a2, b2): r.pop("path"); r["error"] = r["error"] and r["error"].split("（")[0]; r.pop("error_detail")
        assert a2 == b2, (a["path"], b["path"])
    assert len(got) == len(whole), (d, len(got))
    rep = json.load(open(os.path.join(d, "report.json"), encoding="utf-8"))
    assert [s["shard"] for s in rep["batch"]["shards"]] == ["1/3", "2/3", "3/3"], rep["batch"]
    for r in got: assert os.path.isfile(os.path.join(d, r["detail"])), r["detail"]
PY

env -u JOB_COMPLETION_INDEX -u SLURM_ARRAY_TASK_ID suanpan batch "$T/shared/2024决算" --out "$T/x" --shard auto/3 -q 2>"$T/err"
rc=$?
[ "$rc" = 3 ] || fail "--shard auto without a scheduler: exit $rc (want 3)"
JOB_COMPLETION_INDEX=1 suanpan batch "$T/shared/2024决算" --out "$T/k2" --shard auto/3 -q || fail "auto/3 with JOB_COMPLETION_INDEX"
cmp -s <(cut -d, -f1 "$T/k2/workbooks.jsonl") <(cut -d, -f1 "$T/shared/review/shard-2/workbooks.jsonl") || \
    fail "JOB_COMPLETION_INDEX=1 is not shard 2/3"

[ $fails = 0 ] && echo "batch schedulers: all passed"
exit $((fails > 0))
