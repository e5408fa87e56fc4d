"""`python -m bench`: the benchmark run (see bench/run.py); `make bench` calls it."""

import sys

from bench.run import main

sys.exit(main())
