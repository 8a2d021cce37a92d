#!/usr/bin/env python3
"""Checks the Spark job against the single-machine run, in one Spark application:

usage: spark-submit [--master URL] integrations/spark/check_batches.py DEDUP BATCHES_DIR
                    [--partitions 1,4] [--only batch-00,...]

For every batch of BATCHES_DIR (folders holding docs.jsonl) and every partition count, runs
the job (dedup_job.run) with --across-documents and compares its output, byte for byte and
record for record (id, text, provenance), with `DEDUP clean --across-documents
--input-format jsonl BATCH/docs.jsonl` run here. Then the first batch again with two records
the binary rejects (broken JSON, no text field) put in: the job goes on, writes them through
as one machine does, and names both (by line and id) on the driver. Prints one line per run
and a summary; exit status 1 when one differs.
"""
import contextlib
import io
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

from pyspark.sql import SparkSession

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dedup_job  # noqa: E402


def main(argv):
    p = argparse.ArgumentParser()
    p.add_argument("dedup")
    p.add_argument("batches")
    p.add_argument("--partitions", default="1,4")
    p.add_argument("--only", default="")
    a = p.parse_args(argv)
    partitions = [int(x) for x in a.partitions.split(",")]
    batches = sorted(b for b in os.listdir(a.batches) if os.path.isfile(os.path.join(a.batches, b, "docs.jsonl")))
    if a.only:
        batches = [b for b in batches if b in a.only.split(",")]
    spark = SparkSession.builder.appName("dedup-check").getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    work = tempfile.mkdtemp(prefix="dedup-spark-check-")
    failed = 0
    started = time.time()
    try:
        for b in batches:
            jsonl = os.path.join(a.batches, b, "docs.jsonl")
            one = subprocess.run([a.dedup, "clean", "--across-documents", "--input-format", "jsonl", jsonl, "-q"],
                                 capture_output=True, check=True).stdout
            for n in partitions:
                out = os.path.join(work, "%s-%d" % (b, n))
                t = time.time()
                dedup_job.run(spark, dedup_job.parse(["--dedup", a.dedup, "--across-documents", "--partitions", str(n), jsonl, out]))
                got = b"".join(open(os.path.join(out, f), "rb").read() for f in sorted(os.listdir(out)) if f.startswith("part-"))
                same = got == one
                failed += not same
                print("%-4s %s, %d partitions: %s (%.1f s)" % ("ok" if same else "FAIL", b, n,
                      "records equal to the single-machine run" if same else "records differ", time.time() - t), flush=True)
        if batches:
            failed += not check_rejected(spark, a.dedup, os.path.join(a.batches, batches[0], "docs.jsonl"), work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        spark.stop()
    print("check-spark: %d runs, %s in %.0f s" % (len(batches) * len(partitions),
          "all equal to the single-machine run" if not failed else "%d differ" % failed, time.time() - started))
    return 1 if failed else 0


def check_rejected(spark, dedup, jsonl, work):
    """The job on `jsonl` with two bad records put in: equal to one machine, both reported."""
    lines = open(jsonl, "rb").read().splitlines(keepends=True)
    lines.insert(min(3, len(lines)), b'{"id": "broken-1", "text": oops}\n')
    lines.append(b'{"id": 99, "body": "no text field"}\n')
    bad = os.path.join(work, "with-rejected.jsonl")
    open(bad, "wb").writelines(lines)
    one = subprocess.run([dedup, "clean", "--across-documents", "--input-format", "jsonl", bad, "-q"], capture_output=True).stdout
    out = os.path.join(work, "with-rejected-out")
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        dedup_job.run(spark, dedup_job.parse(["--dedup", dedup, "--across-documents", "--partitions", "2", bad, out]))
    got = b"".join(open(os.path.join(out, f), "rb").read() for f in sorted(os.listdir(out)) if f.startswith("part-"))
    report = stderr.getvalue()
    ok = got == one and "2 record(s) rejected" in report and '(id "broken-1")' in report and "(id 99)" in report
    print("%-4s rejected records: %s" % ("ok" if ok else "FAIL", "written through as on one machine, both named on the driver"
          if ok else "output or report wrong: %r" % report[-300:]), flush=True)
    return ok


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
