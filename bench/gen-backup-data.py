#!/usr/bin/env python3
"""Writes the backup benchmark's dataset, the same bytes on every run for a given scale.

Usage: gen-backup-data.py DIR [SCALE]
At scale 1.0 (~2 GiB): 50,000 small files of mixed text and binary in nested folders, three
200 MiB files (random, so incompressible), and a 500 MiB SQL-dump-like text. Smaller scales shrink
every part in proportion, for quick runs.
"""
import os
import random
import sys

root = sys.argv[1]
scale = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
rng = random.Random(20261203)
words = [
    "customer", "order", "invoice", "product", "hosting", "domain", "mailbox", "database",
    "backup", "account", "payment", "ticket", "server", "record", "session", "cache",
]

small = int(50_000 * scale)
for i in range(small):
    folder = os.path.join(root, "sites", "site%03d" % (i % 200), "dir%02d" % (i % 17))
    os.makedirs(folder, exist_ok=True)
    size = int(rng.expovariate(1 / 12_000)) + 1
    if i % 3 == 0:
        data = rng.randbytes(size)
        name = "asset%06d.bin" % i
    else:
        text = " ".join(rng.choice(words) for _ in range(size // 7 + 1))
        data = text.encode()[:size]
        name = "page%06d.html" % i
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)

big = os.path.join(root, "media")
os.makedirs(big, exist_ok=True)
for n in range(3):
    with open(os.path.join(big, "video%d.bin" % n), "wb") as f:
        remaining = int(200 * 1024 * 1024 * scale)
        while remaining > 0:
            block = min(remaining, 8 * 1024 * 1024)
            f.write(rng.randbytes(block))
            remaining -= block

with open(os.path.join(root, "dump.sql"), "w") as f:
    target = int(500 * 1024 * 1024 * scale)
    written = 0
    row = 0
    while written < target:
        lines = []
        for _ in range(1000):
            row += 1
            lines.append(
                "INSERT INTO `orders` VALUES (%d,'%s','%s',%d.%02d,'2026-%02d-%02d %02d:%02d:00');\n"
                % (row, rng.choice(words), rng.choice(words) + str(rng.randrange(10**6)),
                   rng.randrange(10**4), rng.randrange(100), rng.randrange(1, 13),
                   rng.randrange(1, 29), rng.randrange(24), rng.randrange(60)))
        chunk = "".join(lines)
        f.write(chunk)
        written += len(chunk)
