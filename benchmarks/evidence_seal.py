#!/usr/bin/env python
"""Sealing and opening a large original: MB/s (wall and per CPU-second) and peak memory. Prints figures.

    .venv/bin/python benchmarks/evidence_seal.py [SIZE_MB]  # default 50

Writes SIZE_MB of random bytes to a temp file, then runs each step in a fresh Python process
(so each peak resident set is its own): hash only (what a clear store costs), seal from disk
(``store_file``), seal from memory (``store_bytes``, what ingest does with the bytes it parsed),
open and copy out in clear (``copy_evidence``, what a dossier does), and ``verify_store``
(open, authenticate, re-hash). Peak memory is the process's maximum RSS minus that of a process
that only imported the same modules. Timings on a shared machine are noisy: run it twice.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _step(step: str, src: Path, ws_path: Path) -> dict:
    from tawthiq.evidence import copy_evidence, sha256_file, store_bytes, store_file, verify_store
    from tawthiq.store import open_workspace

    ws = open_workspace(ws_path)
    ws.cipher.file_aead()  # build the primitive outside the timing
    sha = sha256_file(src)[0]
    t0, c0 = time.perf_counter(), time.process_time()
    if step == "hash":
        sha256_file(src)
    elif step == "seal-file":
        store_file(ws.evidence_dir, src, ws.cipher)
    elif step == "seal-bytes":
        data = src.read_bytes()
        t0, c0 = time.perf_counter(), time.process_time()
        store_bytes(ws.evidence_dir, data, ws.cipher)
    elif step == "open-copy":
        copy_evidence(ws.evidence_dir, sha, ws_path.parent / "copy.bin", ws.cipher)
    elif step == "verify":
        check = verify_store(ws.evidence_dir, [sha], ws.cipher)
        assert check.ok and check.sealed == 1, check
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    ws.close()
    return {"wall": wall, "cpu": cpu, "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _run(step: str, src: Path, ws_path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--step", step, str(src), str(ws_path)],
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return json.loads(out.stdout)


def main() -> None:
    if sys.argv[1:2] == ["--step"]:
        step, src, ws_path = sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4])
        print(json.dumps(_step(step, src, ws_path)))
        return
    size_mb = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    from tawthiq.store import init_workspace

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "original.bin"
        with open(src, "wb") as fh:
            for _ in range(size_mb):
                fh.write(os.urandom(1 << 20))
        ws_path = Path(tmp) / "ws"
        init_workspace(ws_path).close()
        base = _run("none", src, ws_path)["maxrss_mb"]
        mb = size_mb * (1 << 20) / 1e6
        print(f"file: {size_mb} MiB ({mb:.1f} MB) of random bytes; load average {os.getloadavg()[0]:.2f}")
        print(f"baseline process (imports only): {base:.0f} MB RSS")
        for step, label in (
            ("hash", "hash only (clear store)"),
            ("seal-file", "seal from disk (store_file)"),
            ("open-copy", "open + copy out (copy_evidence)"),
            ("verify", "verify (open, auth, re-hash)"),
        ):
            r = _run(step, src, ws_path)
            if step == "open-copy":
                (ws_path.parent / "copy.bin").unlink()
            print(
                f"{label:34s} {mb / r['wall']:7.0f} MB/s wall  {mb / max(r['cpu'], 1e-9):7.0f} MB/CPU-s  "
                f"peak +{r['maxrss_mb'] - base:5.0f} MB"
            )
        for f in (ws_path / "evidence").rglob("*"):  # seal again, from memory, into an empty store
            if f.is_file():
                f.chmod(0o644)
                f.unlink()
        r = _run("seal-bytes", src, ws_path)
        print(
            f"{'seal from memory (store_bytes)':34s} {mb / r['wall']:7.0f} MB/s wall  "
            f"{mb / max(r['cpu'], 1e-9):7.0f} MB/CPU-s  peak +{r['maxrss_mb'] - base:5.0f} MB "
            "(includes the file's bytes in memory)"
        )


if __name__ == "__main__":
    main()
