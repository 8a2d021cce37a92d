#!/usr/bin/env python3
"""dedup on Apache Spark: the binary does the per-record work on the executors, Spark the
shuffles.

usage: spark-submit integrations/spark/dedup_job.py --dedup PATH [--across-documents]
           [--partitions N] [--text-field NAME] [--provenance-field NAME] [--id-field NAME]
           [detection options of dedup clean] INPUT OUTPUT_DIR

INPUT is JSON Lines records (a file or a folder of files, any path Spark reads); OUTPUT_DIR
receives JSON Lines part files holding the records `dedup clean --input-format jsonl
[--across-documents] INPUT` writes, in the same order. PATH is the dedup binary on the
submitting machine; the job ships it to the executors (SparkContext.addFile), so nothing is
installed on the cluster.

Records are in input order: files by name, lines in their order. Each record is numbered
(file index << 40 | line number) and named in provenance as `INPUT:LINE` (for a folder,
`INPUT/FILE:LINE`), as the single-machine run names them.

With --across-documents, four stages:
  1. sign (executors, `dedup across sign`): each record cleaned alone and signed: hashes
     of its lines and samples of its text;
  2. group (Spark): for each key (sample or line hash), the earliest 8 records that entered
     it, joined back to every record holding the key; the first record of each whole-text
     hash. Shuffles by key; no pair of records is ever compared;
  3. decide (`dedup across decide`, one task reading the records in order): whether each
     record repeats an earlier one, from its holders; which frame lines are boilerplate.
     It keeps no sample table: memory is a few numbers per record;
  4. apply (executors, `dedup across apply`): each record with its decision and the
     boilerplate lines (shipped as a file) written as the single-machine run writes it.
The driver never collects records or signatures: only the input file names and the
boilerplate lines (a few thousand hashes).
"""
import argparse
import json
import os
import stat
import subprocess
import sys
import tempfile
import threading
import time
import uuid

from pyspark import AccumulatorParam, SparkFiles, TaskContext
from pyspark.sql import SparkSession, Window
from pyspark.sql import functions as F
from pyspark.sql.types import ArrayType, BooleanType, LongType, StringType, StructField, StructType

CANDIDATES_PER_KEY = 8  # CrossDocumentOptions.candidatesPerKey
LONG_DOCUMENT = 4096  # CrossDocumentOptions.longDocumentLength

DETECTION = ["min-match-length", "min-copy-length", "min-copy-fraction", "long-copy-length",
             "min-fragment-length", "min-short-repeat-length"]

SIGNED = StructType([
    StructField("n", LongType()), StructField("name", StringType()), StructField("length", LongType()),
    StructField("keyHash", LongType()), StructField("lines", ArrayType(ArrayType(LongType()))),
    StructField("samples", ArrayType(ArrayType(LongType()))), StructField("skip", BooleanType()),
])
DECIDED = StructType([
    StructField("n", LongType()), StructField("repeats", LongType()), StructField("repeatsName", StringType()),
    StructField("perMille", LongType()), StructField("boilerplate", ArrayType(ArrayType(LongType()))),
])


def parse(argv):
    p = argparse.ArgumentParser(description="dedup on Apache Spark")
    p.add_argument("--dedup", required=True, help="the dedup binary on this machine (shipped to the executors)")
    p.add_argument("--across-documents", action="store_true", help="clean across the records too")
    p.add_argument("--partitions", type=int, default=0, help="partitions of the per-record stages (default: Spark's)")
    p.add_argument("--timings", action="store_true", help="print each stage's time and the bytes shuffled to stderr")
    for name in ["text-field", "provenance-field", "id-field"] + DETECTION:
        p.add_argument("--" + name)
    p.add_argument("input")
    p.add_argument("output")
    return p.parse_args(argv)


class ListParam(AccumulatorParam):
    """An accumulator of the first REPORTED problems reported on the executors."""
    def zero(self, value):
        return []

    def addInPlace(self, a, b):
        return (a + b)[:REPORTED]


REPORTED = 20  # rejected records named on the driver's stderr (all are counted)


def phase(binary, arguments, rejected=None, named=None):
    """A mapPartitions function piping a partition's lines through `binary arguments`; the
    binary's reports of records it rejects (and writes through unchanged) are counted in
    `rejected`, the first named in `named`, and go to the executor's stderr."""
    def run(lines):
        exe = SparkFiles.get(binary)
        # Files shipped with the job are named by a prefix and found where the executor keeps them.
        resolved = [SparkFiles.get(a[len("__SPARKFILE__"):]) if a.startswith("__SPARKFILE__") else a for a in arguments]
        mode = os.stat(exe).st_mode
        if not mode & stat.S_IXUSR:
            os.chmod(exe, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        p = subprocess.Popen([exe] + resolved, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        failure = []

        def feed():
            try:
                for line in lines:
                    p.stdin.write(line.encode("utf-8") + b"\n")
                p.stdin.close()
            except Exception as e:  # the process died: its status says why
                failure.append(e)

        t = threading.Thread(target=feed, daemon=True)
        t.start()
        for out in p.stdout:
            yield out.decode("utf-8").rstrip("\n")
        t.join()
        if os.environ.get("DEDUP_SPARK_FAIL_FIRST_ATTEMPT") and TaskContext.get().attemptNumber() == 0:
            # For the check that a task failing after it has written all its output, then
            # retried, leaves that output once (check_batches.py --fail-first-attempts).
            p.kill()
            raise RuntimeError("dedup-spark: first attempt failed on purpose (DEDUP_SPARK_FAIL_FIRST_ATTEMPT)")
        err = p.stderr.read().decode("utf-8", "replace")
        if p.wait() != 0:
            raise RuntimeError("dedup %s failed (status %d): %s" % (" ".join(arguments), p.returncode, err[-2000:]))
        reports = [l for l in err.splitlines() if l.startswith("dedup: error: ")]
        if reports:
            print("\n".join(reports), file=sys.stderr, flush=True)
            if rejected is not None:
                rejected.add(len(reports))
            if named is not None:
                named.add([l[len("dedup: error: "):] for l in reports[:REPORTED]])
    return run


def main(argv):
    args = parse(argv)
    spark = SparkSession.builder.appName("dedup").getOrCreate()
    run(spark, args)
    spark.stop()


def run(spark, args):
    """Cleans args.input into args.output on `spark` (see the module's documentation)."""
    sc = spark.sparkContext
    clock = [time.time()]

    def lap(stage):
        if args.timings:
            now = time.time()
            print("dedup-spark: %-7s %.2f s" % (stage, now - clock[0]), file=sys.stderr, flush=True)
            clock[0] = now
    # Shuffles as wide as the work, not Spark's default of 200 (small batches drown in tasks).
    if spark.conf.get("spark.sql.shuffle.partitions") == "200":
        spark.conf.set("spark.sql.shuffle.partitions", str(max(args.partitions, sc.defaultParallelism)))
    # This module goes with the job too, for a caller that imports it (its accumulator of
    # reports is defined here).
    if __name__ != "__main__" and not getattr(sc, "_dedup_module_shipped", False):
        sc.addPyFile(os.path.abspath(__file__))
        sc._dedup_module_shipped = True
    binary = os.path.basename(args.dedup)
    if binary not in getattr(sc, "_dedup_shipped", set()):
        sc.addFile(os.path.abspath(args.dedup))
        sc._dedup_shipped = getattr(sc, "_dedup_shipped", set()) | {binary}
    options = []
    for name in ["text-field", "provenance-field", "id-field"] + DETECTION:
        value = getattr(args, name.replace("-", "_"))
        if value is not None:
            options += ["--" + name, value]

    # Records in input order: files by name, lines in order, numbered and named.
    records = spark.read.text(args.input, wholetext=False).withColumn("file", F.input_file_name()) \
        .withColumn("mid", F.monotonically_increasing_id())
    files = sorted(r.file for r in records.select("file").distinct().collect())
    single = len(files) == 1 and not os.path.isdir(args.input)
    base = args.input.rstrip("/")
    file_index = spark.createDataFrame(
        [(f, i, base if single else base + "/" + f.rsplit("/", 1)[-1]) for i, f in enumerate(files)],
        "file string, fileIndex long, display string")
    records = records.join(F.broadcast(file_index), "file") \
        .withColumn("line", F.row_number().over(Window.partitionBy("file").orderBy("mid"))) \
        .withColumn("n", F.col("fileIndex") * F.lit(1 << 40) + F.col("line")) \
        .withColumn("source", F.concat_ws(":", "display", F.col("line").cast("string"))) \
        .select("n", "source", "value")
    if args.partitions:
        records = records.repartitionByRange(args.partitions, "n")
    records = records.sortWithinPartitions("n").persist()

    # A name of its own for each run: Spark ships a file name once per application.
    boilerplate_name = "dedup-boilerplate-%s.json" % uuid.uuid4().hex
    boilerplate_file = os.path.join(tempfile.mkdtemp(prefix="dedup-spark-"), boilerplate_name)
    if args.across_documents:
        lines = records.select(F.concat_ws("\t", F.col("n").cast("string"), "source", "value").alias("l")).rdd.map(lambda r: r.l)
        signed = spark.read.json(lines.mapPartitions(phase(binary, ["across", "sign"] + options)), schema=SIGNED)
        signed = signed.where(F.col("skip").isNull()).persist()
        if args.timings:
            signed.count()
            lap("sign")

        # For each key, the earliest records that entered it (at most 8), joined back to
        # every record holding it; a long record enters its coarse samples only, and no line.
        def holders(keys, stored):
            entered = keys.where(stored).select("h", "n").distinct()
            first = entered.withColumn("r", F.row_number().over(Window.partitionBy("h").orderBy("n"))) \
                .where(F.col("r") <= CANDIDATES_PER_KEY) \
                .groupBy("h").agg(F.sort_array(F.collect_list("n")).alias("held"))
            joined = keys.join(first, "h", "left") \
                .select("n", "k", F.expr("filter(coalesce(held, array()), x -> x < n)").alias("held"))
            return joined.groupBy("n").agg(F.sort_array(F.collect_list(F.struct("k", "held"))).alias("byKey")) \
                .select("n", F.expr("transform(byKey, x -> x.held)").alias("holders"))

        samples = signed.select("n", "length", F.posexplode("samples").alias("k", "s")) \
            .select("n", "k", F.col("s")[0].alias("h"), ((F.col("s")[2] == 1) | (F.col("length") <= LONG_DOCUMENT)).alias("stored"))
        lines_ = signed.select("n", "length", F.posexplode("lines").alias("k", "l")) \
            .select("n", "k", F.col("l")[0].alias("h"), (F.col("length") <= LONG_DOCUMENT).alias("stored"))
        sample_holders = holders(samples, F.col("stored")).withColumnRenamed("holders", "sampleHolders")
        line_holders = holders(lines_, F.col("stored")).withColumnRenamed("holders", "lineHolders")
        firsts = signed.where(F.col("length") > 0).groupBy("keyHash").agg(F.min("n").alias("first"))
        decide_in = signed.join(sample_holders, "n", "left").join(line_holders, "n", "left").join(firsts, "keyHash", "left") \
            .withColumn("equal", F.when(F.col("first") < F.col("n"), F.col("first"))) \
            .withColumn("sampleHolders", F.coalesce("sampleHolders", F.array())) \
            .withColumn("lineHolders", F.coalesce("lineHolders", F.array())) \
            .select(F.to_json(F.struct("n", "name", "length", "keyHash", "lines", "samples", "lineHolders", "sampleHolders", "equal")).alias("j"), "n") \
            .repartition(1).sortWithinPartitions("n")
        decided = spark.read.json(decide_in.rdd.map(lambda r: r.j).mapPartitions(phase(binary, ["across", "decide"] + options)),
                                  schema=DECIDED).persist()
        # The boilerplate lines: the only thing the driver collects (a few thousand hashes).
        bp = decided.where(F.col("boilerplate").isNotNull()).select("boilerplate").collect()
        with open(boilerplate_file, "w") as f:
            f.write(json.dumps({"n": -1, "boilerplate": bp[0].boilerplate if bp else []}) + "\n")
        lap("decide")  # with the grouping by key
        decisions = decided.where(F.col("n") >= 0).select(
            "n", F.to_json(F.struct("n", "repeats", "repeatsName", "perMille")).alias("decision"))
        applied = records.join(decisions, "n", "left")
    else:
        with open(boilerplate_file, "w") as f:
            f.write(json.dumps({"n": -1, "boilerplate": []}) + "\n")
        applied = records.withColumn("decision", F.lit(None).cast("string"))
    sc.addFile(boilerplate_file)

    applied = applied.withColumn("decision", F.coalesce("decision", F.to_json(F.struct("n")))) \
        .repartitionByRange(args.partitions or sc.defaultParallelism, "n").sortWithinPartitions("n") \
        .select(F.concat_ws("\t", "decision", "source", "value").alias("l"))
    rejected = sc.accumulator(0)
    named = sc.accumulator([], ListParam())
    out = applied.rdd.map(lambda r: r.l).mapPartitions(
        phase(binary, ["across", "apply", "--boilerplate", "__SPARKFILE__" + boilerplate_name] + options, rejected, named))
    out.saveAsTextFile(args.output)
    lap("apply")
    # Accumulators count each task once it succeeds; a retried task's attempts add nothing.
    if rejected.value:
        print("dedup-spark: %d record(s) rejected, written through unchanged:" % rejected.value, file=sys.stderr)
        for line in named.value:
            print("  " + line, file=sys.stderr)
    if args.timings:
        shuffled = shuffle_bytes(sc)
        if shuffled is not None:
            print("dedup-spark: shuffled %d bytes (written)" % shuffled, file=sys.stderr, flush=True)
    records.unpersist()


def shuffle_bytes(sc):
    """Bytes written by every shuffle of the application so far, from Spark's REST API."""
    try:
        import urllib.request
        url = sc.uiWebUrl + "/api/v1/applications/%s/stages" % sc.applicationId
        stages = json.load(urllib.request.urlopen(url, timeout=10))
        return sum(st.get("shuffleWriteBytes", 0) for st in stages)
    except Exception:
        return None


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
