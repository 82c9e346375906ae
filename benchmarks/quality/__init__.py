"""Quality benchmark for sanctio-v1 against nomenklatura, built from the real shared lists."""
