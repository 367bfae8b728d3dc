#!/usr/bin/env bash
# Stops the daemons that .ci/slurm-up.sh started (slurmd, slurmctld, munged), by their pid files.
set -u
for f in /run/slurm/slurmd.pid /run/slurm/slurmctld.pid /run/munge/munged.pid; do
    if [ -s "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; then
        kill "$(cat "$f")" && echo "slurm-down: stopped $(basename "$f" .pid)" >&2
    fi
done
