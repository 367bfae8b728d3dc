#!/usr/bin/env bash
# Starts a one-node Slurm on this host (munged + slurmctld + slurmd), installing Debian's slurm-wlm and munge
# when sbatch is missing. Idempotent: running daemons are left alone. Needs root (apt-get, the daemons).
# Used by the Slurm end-to-end test (SlurmSweepIT needs sbatch; SHARPNESS_REQUIRE_SLURM=1 makes it mandatory).
# Stop everything with .ci/slurm-down.sh.
set -euo pipefail

log() { echo "slurm-up: $*" >&2; }

if ! command -v sbatch >/dev/null 2>&1 || ! command -v slurmctld >/dev/null 2>&1 \
        || ! command -v munged >/dev/null 2>&1; then
    log "installing slurm-wlm and munge from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends slurm-wlm munge
fi

# --- munge -------------------------------------------------------------------------------------------------
mkdir -p /etc/munge /var/lib/munge /var/log/munge /run/munge
if [ ! -s /etc/munge/munge.key ]; then
    if command -v mungekey >/dev/null 2>&1; then
        mungekey --create --force --keyfile=/etc/munge/munge.key
    else
        dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null
    fi
fi
chmod 700 /etc/munge /var/lib/munge /var/log/munge
chmod 755 /run/munge
chmod 400 /etc/munge/munge.key
if id munge >/dev/null 2>&1; then
    chown -R munge:munge /etc/munge /var/lib/munge /var/log/munge /run/munge
fi
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
    log "starting munged"
    if id munge >/dev/null 2>&1; then
        su -s /bin/sh munge -c "munged --force" || munged --force
    else
        munged --force
    fi
    for _ in $(seq 1 50); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.1; done
fi

# --- slurm.conf: one node = this host, its real CPU count and memory ----------------------------------------
CONF_DIR=/etc/slurm
[ -d /etc/slurm-llnl ] && [ ! -d /etc/slurm ] && CONF_DIR=/etc/slurm-llnl
mkdir -p "$CONF_DIR" /var/spool/slurmctld /var/spool/slurmd /var/log/slurm /run/slurm
HOST=$(hostname -s)
CPUS=$(nproc --all)
MEM_MB=$(awk '/MemTotal/ {printf "%d", $2 / 1024 * 0.9}' /proc/meminfo)
CONF="$CONF_DIR/slurm.conf"
NEW=$(mktemp)
cat > "$NEW" <<CONF
# Written by sharpness-lab .ci/slurm-up.sh: a one-node cluster on localhost for the Slurm sweep tests.
ClusterName=sharpness
SlurmctldHost=$HOST(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
MpiDefault=none
ReturnToService=2
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurm/slurmctld.pid
SlurmdPidFile=/run/slurm/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
SlurmctldPort=6817
SlurmdPort=6818
MinJobAge=600
MaxArraySize=100001
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=$MEM_MB State=UNKNOWN
PartitionName=debug Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
CONF
changed=0
if ! cmp -s "$NEW" "$CONF"; then
    mv "$NEW" "$CONF"
    changed=1
else
    rm -f "$NEW"
fi
chmod 644 "$CONF"

alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

if [ "$changed" = 1 ]; then
    for d in slurmd slurmctld; do
        if alive /run/slurm/$d.pid; then
            log "slurm.conf changed: restarting $d"
            kill "$(cat /run/slurm/$d.pid)"
            sleep 1
        fi
    done
fi
if ! alive /run/slurm/slurmctld.pid; then
    log "starting slurmctld"
    slurmctld
fi
if ! alive /run/slurm/slurmd.pid; then
    log "starting slurmd"
    slurmd
fi

# --- wait until the node takes jobs --------------------------------------------------------------------------
for _ in $(seq 1 100); do
    state=$(sinfo -h -n "$HOST" -o %T 2>/dev/null | head -n1 || true)
    case "$state" in
        idle*|mixed*|allocated*) log "node $HOST is $state ($CPUS CPUs, ${MEM_MB} MB)"; exit 0 ;;
        down*|drain*) scontrol update NodeName="$HOST" State=RESUME >/dev/null 2>&1 || true ;;
    esac
    sleep 0.2
done
log "node $HOST did not become idle; see /var/log/slurm/slurmctld.log and slurmd.log"
sinfo >&2 || true
exit 1
