"""Import use case: plan the files, parse them in worker processes, load one version per list."""
