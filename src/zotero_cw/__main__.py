import sys

from zotero_cw.cli import main

sys.exit(main())
