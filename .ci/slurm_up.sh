#!/usr/bin/env bash
# Start a single-node Slurm cluster on this machine (as root, no systemd): a munge key, a slurm.conf
# naming this host with the cores and memory `slurmd -C` reports, then munged, slurmctld and slurmd
# started directly. Waits until `sinfo` shows the node idle. Idempotent: a running cluster is kept.
# Needs the Debian packages slurmctld slurmd slurm-client munge (installed when absent).
set -euo pipefail
if ! command -v slurmctld >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1 || ! command -v sbatch >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq slurmctld slurmd slurm-client munge >/dev/null
fi
host=$(hostname -s)
if sinfo -h -N -o '%N %t' 2>/dev/null | grep -q -E "^$host (idle|mix|alloc)"; then
  echo "slurm: already up ($(sinfo -h -N -o '%N %c CPUs %m MB %t' | head -1))"; exit 0
fi
conf_dir=/etc/slurm
state=/var/spool/slurmctld spool=/var/spool/slurmd logs=/var/log/slurm
mkdir -p "$conf_dir" "$state" "$spool" "$logs" /run/munge /var/lib/munge /var/log/munge /etc/munge
# munge: a key (kept when present), then the daemon
if [ ! -s /etc/munge/munge.key ]; then
  dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key status=none
fi
chown -R munge:munge /etc/munge /run/munge /var/lib/munge /var/log/munge 2>/dev/null || true
chmod 0700 /etc/munge; chmod 0400 /etc/munge/munge.key
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  if id munge >/dev/null 2>&1; then su -s /bin/sh munge -c "/usr/sbin/munged" 2>/dev/null || /usr/sbin/munged --force
  else /usr/sbin/munged --force; fi
  for _ in $(seq 1 20); do munge -n | unmunge >/dev/null 2>&1 && break; sleep 0.5; done
fi
munge -n | unmunge >/dev/null || { echo "slurm: munged did not start"; exit 1; }
# slurm.conf: this host, its cores and memory as slurmd -C reports them
node=$(slurmd -C | head -1)
cpus=$(echo "$node" | grep -o -E 'CPUs=[0-9]+' | cut -d= -f2)
mem=$(echo "$node" | grep -o -E 'RealMemory=[0-9]+' | cut -d= -f2)
cat > "$conf_dir/slurm.conf" <<CONF
ClusterName=nomogram
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$state
SlurmdSpoolDir=$spool
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=$logs/slurmctld.log
SlurmdLogFile=$logs/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MinJobAge=600
SlurmdTimeout=60
$node
PartitionName=main Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
sed -i 's/ UpTime=.*//' "$conf_dir/slurm.conf"
pgrep -x slurmctld >/dev/null || /usr/sbin/slurmctld
pgrep -x slurmd >/dev/null || /usr/sbin/slurmd
for _ in $(seq 1 60); do
  st=$(sinfo -h -N -o '%t' 2>/dev/null | head -1 || true)
  case "$st" in idle) break ;; down*|drain*) scontrol update NodeName="$host" State=RESUME 2>/dev/null || true ;; esac
  sleep 1
done
sinfo -h -N -o '%N %t' | grep -q -E "^$host idle" || { echo "slurm: node $host not idle: $(sinfo -N 2>&1)"; tail -n 20 "$logs"/slurm*.log; exit 1; }
echo "slurm: up ($(sinfo -h -N -o '%N %c CPUs %m MB %t' | head -1))"
