"""Write corpus/heldout.txt: the held-out part of the footnote corpus, chosen by rule before measuring.

A file is held out when the SHA-1 of its path (relative to corpus/notes) is 0 modulo 3: about a third of the
source documents, each decided by its own name (adding files never moves another), and whole documents, so
no held-out note shares a source (its author's habits, its ibid. chains) with a training note.
"""

import hashlib
from pathlib import Path

root = Path(__file__).parent / "notes"
files = sorted(f.relative_to(root).as_posix() for f in root.rglob("*.xml"))
held = [f for f in files if int(hashlib.sha1(f.encode()).hexdigest(), 16) % 3 == 0]
header = "# held-out files of corpus/notes (never trained or tuned on); written by corpus/split.py\n"
(Path(__file__).parent / "heldout.txt").write_text(header + "".join(f"{f}\n" for f in sorted(held)))
print(f"{len(held)} held-out files")
