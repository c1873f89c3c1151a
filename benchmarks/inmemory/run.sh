#!/usr/bin/env bash
# The in-memory driver's benchmarks (issue 4), as root, within 15 minutes:
#
#   inmemory.handler_packets_per_s   JMH: packets/s through the socketless handler, one thread,
#                                    DISCOVER+REQUEST pairs of 100,000 known ports (static /15)
#   inmemory.dora_per_s_journal      perfdhcp DORA/s, lease journal on, fsync policy NEVER
#                                    (the OS writes when it likes, as Kea's memfile does)
#   inmemory.dora_per_s              perfdhcp DORA/s, no journal
#   dnsmasq.dora_per_s_leasefile     dnsmasq --no-ping, lease file
#   dnsmasq.dora_per_s_leasefile_ro  dnsmasq --no-ping --leasefile-ro
#   kea.dora_per_s_memfile           Debian's kea-dhcp4, memfile with persist, logging WARN
#   and the ratios of the in-memory figures to the others.
#
# The same conditions for every server: its own pair of network namespaces joined by a veth
# pair (server 10.77.0.1/16, perfdhcp 10.77.0.2/16); one /16 subnet, dynamic, with the pool
# 10.77.0.10-10.77.255.254; 12 h leases; perfdhcp in relay mode (giaddr = its own address,
# inside the subnet) with -R 20000 clients; a 20 s warm-up at 1,000/s; then rising steps of
# 10 s runs, 3 runs per step (the third only when the first two disagree: it decides the
# median). A rate is sustained when the median run drops < 2.5%, a drop being a DISCOVER sent
# without its ACK received within perfdhcp's 1 s. The steps start at 2,000/s (or, when the
# warm-up itself dropped 2.5% or more, at 90% of its ACK rate), double until a step fails (or
# halve until one passes), then bisect until the highest sustained and the lowest failed rate
# are within 25%, or the server's share of the 15 minutes is used; the figure is the highest
# sustained rate.
#
# Usage: benchmarks/inmemory/run.sh [--skip-build] [--only NAME,...]
#   --skip-build  use benchmarks/target/benchmarks.jar as it is
#   --only        run some of: handler,inmemory_journal,inmemory,dnsmasq_leasefile,
#                 dnsmasq_leasefile_ro,kea_memfile
# Installs kea-dhcp4-server, kea-admin (perfdhcp) and dnsmasq-base when missing (apt-get -y),
# and leaves no service of theirs running. Everything it starts runs in namespaces it creates,
# bounded by timeout; the namespaces and processes are removed on exit, also when interrupted.
# Logs stay in the printed work directory. Ends with 'result NAME VALUE UNIT' lines.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
start_time=$SECONDS
budget=870                      # 14.5 minutes for everything, build included
deadline=$((start_time + budget))
subnet_prefix=16
srv_ip=10.77.0.1
cli_ip=10.77.0.2
pool_start=10.77.0.10
pool_end=10.77.255.254
lease_s=43200
clients=20000
step_s=10
drop_limit=2.5
nice_level=-10                  # servers and perfdhcp alike, so other work on the machine matters less

skip_build=0
only="handler,inmemory_journal,inmemory,dnsmasq_leasefile,dnsmasq_leasefile_ro,kea_memfile"
while (($#)); do
  case "$1" in
    --skip-build) skip_build=1 ;;
    --only) only="$2"; shift ;;
    *) echo "usage: $0 [--skip-build] [--only NAME,...]" >&2; exit 2 ;;
  esac
  shift
done
wanted() { [[ ",$only," == *",$1,"* ]]; }

if [ "$(id -u)" != 0 ]; then
  echo "benchmarks/inmemory/run.sh: must run as root (network namespaces, port 67)" >&2
  exit 1
fi

tag="dsbi$$"
work="$(mktemp -d /tmp/dhcpstate-bench-inmemory.XXXXXX)"
namespaces=()
pids=()
created_policy=0

say() { echo "# $*"; }

stop_pid() { # PID: TERM, up to 5 s, then KILL; only processes this script started
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 50); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  local pid ns
  for pid in "${pids[@]}"; do stop_pid "$pid"; done
  for ns in "${namespaces[@]}"; do timeout 10 ip netns del "$ns" 2>/dev/null || true; done
  if ((created_policy)); then rm -f /usr/sbin/policy-rc.d; fi
  rm -rf "$work"/state-* 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# ---------------------------------------------------------------- packages and services
ensure_packages() {
  local need=() p
  command -v perfdhcp >/dev/null || need+=(kea-admin)
  command -v dnsmasq >/dev/null || need+=(dnsmasq-base)
  command -v kea-dhcp4 >/dev/null || need+=(kea-dhcp4-server)
  ((${#need[@]})) || return 0
  say "installing ${need[*]}"
  if [ ! -e /usr/sbin/policy-rc.d ]; then # keep the packages from starting their services
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    created_policy=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  timeout 300 apt-get update -q </dev/null >"$work/apt.log" 2>&1 || true
  timeout 600 apt-get install -y -q --no-install-recommends "${need[@]}" </dev/null \
    >>"$work/apt.log" 2>&1 || { tail -20 "$work/apt.log" >&2; echo "install failed" >&2; }
  if ((created_policy)); then rm -f /usr/sbin/policy-rc.d; created_policy=0; fi
  for p in kea-dhcp4-server kea-dhcp6-server kea-ctrl-agent kea-dhcp-ddns-server dnsmasq; do
    if [ -d /run/systemd/system ]; then
      if systemctl is-active --quiet "$p" 2>/dev/null; then timeout 30 systemctl stop "$p" || true; fi
      if systemctl is-enabled --quiet "$p" 2>/dev/null; then timeout 30 systemctl disable "$p" || true; fi
    elif [ -x "/etc/init.d/$p" ]; then
      timeout 30 "/etc/init.d/$p" stop >/dev/null 2>&1 || true
    fi
  done
}

# ---------------------------------------------------------------- namespaces and processes
make_lab() { # NAME: sets srv_ns and cli_ns, joined by veth vs/vc
  srv_ns="$tag-$1-s"
  cli_ns="$tag-$1-c"
  timeout 10 ip netns add "$srv_ns"; namespaces+=("$srv_ns")
  timeout 10 ip netns add "$cli_ns"; namespaces+=("$cli_ns")
  timeout 10 ip -n "$srv_ns" link add vs type veth peer name vc netns "$cli_ns"
  timeout 10 ip -n "$srv_ns" link set lo up
  timeout 10 ip -n "$cli_ns" link set lo up
  timeout 10 ip -n "$srv_ns" addr add "$srv_ip/$subnet_prefix" dev vs
  timeout 10 ip -n "$cli_ns" addr add "$cli_ip/$subnet_prefix" dev vc
  timeout 10 ip -n "$srv_ns" link set vs up
  timeout 10 ip -n "$cli_ns" link set vc up
  timeout 10 ip -n "$srv_ns" route add 255.255.255.255/32 dev vs # Java's broadcast replies
}

drop_lab() {
  local ns keep=()
  timeout 10 ip netns del "$srv_ns" 2>/dev/null || true
  timeout 10 ip netns del "$cli_ns" 2>/dev/null || true
  for ns in "${namespaces[@]}"; do
    [[ "$ns" == "$srv_ns" || "$ns" == "$cli_ns" ]] || keep+=("$ns")
  done
  namespaces=("${keep[@]+"${keep[@]}"}")
}

start_server() { # LOG CMD...: runs CMD in srv_ns for at most 10 minutes; sets server_pid
  local log=$1; shift
  ip netns exec "$srv_ns" nice -n "$nice_level" timeout -k 5 600 "$@" >"$log" 2>&1 </dev/null &
  server_pid=$!
  pids+=("$server_pid")
}

stop_server() {
  local keep=() pid
  stop_pid "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  for pid in "${pids[@]}"; do [ "$pid" = "$server_pid" ] || keep+=("$pid"); done
  pids=("${keep[@]+"${keep[@]}"}")
}

wait_port67() { # waits up to 30 s for a UDP socket on port 67 in srv_ns
  local i
  for i in $(seq 120); do
    if timeout 5 ip netns exec "$srv_ns" ss -Hlun 'sport = :67' | grep -q .; then return 0; fi
    kill -0 "$server_pid" 2>/dev/null || return 1
    sleep 0.25
  done
  return 1
}

# ---------------------------------------------------------------- perfdhcp
perf_out=""
perf_run() { # RATE SECONDS: one perfdhcp run; sets sent, acked, drop (percent)
  local rate=$1 secs=$2 out
  out="$work/perfdhcp-$current-$rate-$RANDOM.txt"
  timeout -k 2 $((secs + 20)) ip netns exec "$cli_ns" nice -n "$nice_level" perfdhcp -4 -l vc -r "$rate" \
    -R "$clients" -p "$secs" -W 1000000 "$srv_ip" >"$out" 2>&1 || true
  read -r sent acked < <(awk '
    /Statistics for: DISCOVER-OFFER/ { s = "do" }
    /Statistics for: REQUEST-ACK/ { s = "ra" }
    /^sent packets:/ { if (s == "do") d = $3 }
    /^received packets:/ { if (s == "ra") a = $3 }
    END { print d + 0, a + 0 }' "$out")
  drop=$(awk -v d="$sent" -v a="$acked" 'BEGIN { if (d == 0) print 100; else printf "%.2f", (d - a) * 100 / d }')
  perf_out=$out
}

passes() { awk -v x="$1" -v l="$drop_limit" 'BEGIN { exit !(x < l) }'; }

step() { # RATE: 0 when the median of up to 3 runs drops < 2.5%
  local rate=$1 ok=0 bad=0 r drops=""
  for r in 1 2 3; do
    perf_run "$rate" "$step_s"
    drops+=" $drop%"
    if passes "$drop"; then ok=$((ok + 1)); else bad=$((bad + 1)); fi
    ((ok < 2 && bad < 2)) || break
  done
  if ((ok >= 2)); then say "  $rate/s: sustained (drops$drops)"; return 0; fi
  say "  $rate/s: not sustained (drops$drops)"
  return 1
}

round_rate() { awk -v r="$1" 'BEGIN { s = r < 1000 ? 10 : 50; v = int(r / s + 0.5) * s; print (v < 10 ? 10 : v) }'; }

server_ticks() { # CPU clock ticks (user + system) used so far by the server under timeout
  local child
  child=$(ps -o pid= --ppid "$server_pid" 2>/dev/null | head -1 | tr -d ' ')
  [ -n "$child" ] && awk '{ print $14 + $15 }' "/proc/$child/stat" 2>/dev/null || echo 0
}

udp_errors() { # NS: the UDP receive-buffer drops counted by the kernel in a namespace
  timeout 5 ip netns exec "$1" awk '/^Udp:/ { if (h) { for (i = 1; i <= NF; i++) if (n[i] == "RcvbufErrors") print $i } else { h = 1; for (i = 1; i <= NF; i++) n[i] = $i } }' /proc/net/snmp
}

measure() { # NAME SERVERS_LEFT: warm-up, rising steps, then bisection; sets best
  local name=$1 left=$2 share my_deadline rate next lo=0 hi=0 i t0 t1
  current=$name
  share=$(((deadline - SECONDS) / left))
  my_deadline=$((SECONDS + share))
  say "$name: warm-up ${clients} clients, 20 s at 1000/s"
  t0=$(server_ticks)
  perf_run 1000 20
  t1=$(server_ticks)
  say "  warm-up: $sent DISCOVERs, $acked ACKs, drops $drop%; server CPU $(awk -v t=$((t1 - t0)) \
    -v a="$acked" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.0f", a ? t * 1e6 / hz / a : 0 }') us per DORA"
  if passes "$drop"; then
    rate=2000
  else
    rate=$(round_rate "$(awk -v a="$acked" 'BEGIN { print a / 20 * 0.9 }')")
  fi
  for i in $(seq 12); do
    ((SECONDS + 3 * (step_s + 3) < my_deadline)) || { say "  time share used up"; break; }
    if step "$rate"; then lo=$rate; else hi=$rate; fi
    if ((hi == 0)); then
      next=$((rate * 2))
    elif ((lo == 0)); then
      next=$(round_rate $((rate / 2)))
    else
      ((hi * 100 > lo * 125)) || break # within 25%: done
      next=$(round_rate $(((lo + hi) / 2)))
    fi
    ((next != lo && next != hi && next >= 10)) || break
    rate=$next
  done
  best=$lo
  say "$name: $best DORA/s sustained (UDP receive-buffer drops: server $(udp_errors "$srv_ns"), perfdhcp $(udp_errors "$cli_ns"))"
}

# ---------------------------------------------------------------- the servers
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"

run_inmemory() { # NAME JOURNAL(on|off) LEFT
  local name=$1 state="$work/state-$1" args=()
  mkdir -p "$state"
  [ "$2" = on ] && args+=("journal=$state/journal") || args+=("journal=off")
  make_lab "$name"
  start_server "$work/$name.log" "$java_bin" -Djava.net.preferIPv4Stack=true -Xms1g -Xmx1g -XX:+AlwaysPreTouch \
    -cp "$jar" io.dhcpstate.benchmarks.inmemory.PerfServer "${args[@]}" \
    "subnet=10.77.0.0/$subnet_prefix" "pool=$pool_start,$pool_end" "server=$srv_ip" \
    "lease=$lease_s"
  local i
  for i in $(seq 120); do
    grep -q READY "$work/$name.log" && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.25
  done
  if ! grep -q READY "$work/$name.log"; then
    tail -20 "$work/$name.log" >&2; best=nan
  else
    measure "$name" "$3"
  fi
  stop_server
  grep '^stats' "$work/$name.log" | sed 's/^/#   /' || true
  drop_lab
  rm -rf "$state"
}

run_dnsmasq() { # NAME RO(0|1) LEFT
  local name=$1 state="$work/state-$1" lf
  mkdir -p "$state"
  if [ "$2" = 1 ]; then lf=(--leasefile-ro); else lf=("--dhcp-leasefile=$state/leases"); fi
  make_lab "$name"
  start_server "$work/$name.log" dnsmasq --keep-in-foreground --conf-file=/dev/null --port=0 \
    --no-hosts --no-resolv --user=root --interface=vs --except-interface=lo --bind-dynamic \
    "--dhcp-range=$pool_start,$pool_end,255.255.0.0,${lease_s}s" --dhcp-lease-max=70000 \
    --no-ping --quiet-dhcp "--log-facility=$state/dnsmasq.log" "${lf[@]}"
  if wait_port67; then measure "$name" "$3"; else tail -20 "$work/$name.log" >&2; best=nan; fi
  stop_server
  drop_lab
  rm -rf "$state"
}

run_kea() { # NAME LEFT
  local name=$1 state="$work/state-$1"
  mkdir -p "$state"
  cat >"$state/kea.json" <<EOF
{ "Dhcp4": {
    "interfaces-config": { "interfaces": [ "vs" ], "dhcp-socket-type": "udp" },
    "lease-database": { "type": "memfile", "persist": true,
                        "name": "$state/kea-leases4.csv", "lfc-interval": 3600 },
    "valid-lifetime": $lease_s,
    "subnet4": [ { "id": 1, "subnet": "10.77.0.0/$subnet_prefix",
                   "pools": [ { "pool": "$pool_start - $pool_end" } ] } ],
    "loggers": [ { "name": "kea-dhcp4", "severity": "WARN",
                   "output_options": [ { "output": "$state/kea.log" } ] } ]
} }
EOF
  make_lab "$name"
  start_server "$work/$name.log" env "KEA_LOCKFILE_DIR=$state" "KEA_PIDFILE_DIR=$state" \
    kea-dhcp4 -c "$state/kea.json"
  if wait_port67; then measure "$name" "$2"; else tail -20 "$work/$name.log" "$state/kea.log" >&2 || true; best=nan; fi
  stop_server
  cp "$state/kea.log" "$work/$name.kea.log" 2>/dev/null || true
  drop_lab
  rm -rf "$state"
}

# ---------------------------------------------------------------- main
say "work directory $work; $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg)"
if awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v n="$(nproc)" 'BEGIN { exit !(l > n) }'; then
  say "WARNING: the machine is busy (load above its CPU count): figures will be low"
fi
ensure_packages

jar="$root/benchmarks/target/benchmarks.jar"
if ((!skip_build)); then
  say "building benchmarks/target/benchmarks.jar"
  (cd "$root" && timeout 600 mvn -B -q -pl benchmarks -am package -Dmaven.test.skip=true \
    -Dmaven.javadoc.skip=true -Dmaven.source.skip=true) >"$work/build.log" 2>&1 \
    || { tail -40 "$work/build.log" >&2; exit 1; }
fi
[ -f "$jar" ] || { echo "missing $jar (run without --skip-build)" >&2; exit 1; }
cp "$jar" "$work/benchmarks.jar" # a concurrent rebuild must not change it under us
jar="$work/benchmarks.jar"

declare -A figure=()
if wanted handler; then
  say "JMH: io.dhcpstate.benchmarks.inmemory.HandlerBenchmark (100,000 known ports)"
  # -Djmh.ignoreLock: another JMH run on the machine must not cost this figure (it is noted)
  timeout 300 nice -n "$nice_level" "$java_bin" -Djmh.ignoreLock=true -jar "$jar" \
    'io.dhcpstate.benchmarks.inmemory.HandlerBenchmark' \
    -f 1 -wi 3 -w 2s -i 5 -r 2s -rf csv -rff "$work/jmh.csv" >"$work/jmh.log" 2>&1 \
    || { tail -30 "$work/jmh.log" >&2; }
  figure[handler]=$(awk -F, 'NR == 2 { printf "%.0f", $5 }' "$work/jmh.csv" 2>/dev/null || true)
  figure[handler]=${figure[handler]:-nan}
  grep -E '^HandlerBenchmark' "$work/jmh.log" | sed 's/^/#   /' || true
fi

servers=()
for s in inmemory_journal dnsmasq_leasefile dnsmasq_leasefile_ro kea_memfile inmemory; do
  wanted "$s" && servers+=("$s")
done
left=${#servers[@]}
for s in "${servers[@]}"; do
  best=nan
  if (((deadline - SECONDS) / left < 75)); then
    say "$s: skipped, not enough of the 15 minutes left"
    figure[$s]=nan
    left=$((left - 1))
    continue
  fi
  case "$s" in
    inmemory_journal) run_inmemory "$s" on "$left" ;;
    inmemory) run_inmemory "$s" off "$left" ;;
    dnsmasq_leasefile) run_dnsmasq "$s" 0 "$left" ;;
    dnsmasq_leasefile_ro) run_dnsmasq "$s" 1 "$left" ;;
    kea_memfile)
      if command -v kea-dhcp4 >/dev/null; then run_kea "$s" "$left"; else say "no kea-dhcp4"; fi ;;
  esac
  figure[$s]=$best
  left=$((left - 1))
done

ratio() { awk -v a="${figure[$1]:-nan}" -v b="${figure[$2]:-nan}" \
  'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else print "nan" }'; }

say "in-memory journal: fsync policy NEVER (as Kea's memfile); kea-dhcp4 single-threaded (its default)"
say "elapsed $((SECONDS - start_time)) s; logs in $work"
if wanted inmemory_journal && wanted dnsmasq_leasefile && wanted dnsmasq_leasefile_ro; then
  if awk -v j="${figure[inmemory_journal]}" -v a="${figure[dnsmasq_leasefile]}" \
    -v b="${figure[dnsmasq_leasefile_ro]}" 'BEGIN { exit !(j + 0 >= 4000 && j + 0 > a + 0 && j + 0 > b + 0) }'; then
    say "bar (inmemory.dora_per_s_journal >= 4000 and above both dnsmasq figures): met"
  else
    say "bar (inmemory.dora_per_s_journal >= 4000 and above both dnsmasq figures): MISSED"
  fi
fi
wanted handler && echo "result inmemory.handler_packets_per_s ${figure[handler]} packets/s"
wanted inmemory_journal && echo "result inmemory.dora_per_s_journal ${figure[inmemory_journal]} DORA/s"
wanted inmemory && echo "result inmemory.dora_per_s ${figure[inmemory]} DORA/s"
wanted dnsmasq_leasefile && echo "result dnsmasq.dora_per_s_leasefile ${figure[dnsmasq_leasefile]} DORA/s"
wanted dnsmasq_leasefile_ro && echo "result dnsmasq.dora_per_s_leasefile_ro ${figure[dnsmasq_leasefile_ro]} DORA/s"
wanted kea_memfile && echo "result kea.dora_per_s_memfile ${figure[kea_memfile]} DORA/s"
if wanted inmemory_journal; then
  wanted dnsmasq_leasefile && echo "result inmemory.ratio_journal_to_dnsmasq_leasefile $(ratio inmemory_journal dnsmasq_leasefile) x"
  wanted dnsmasq_leasefile_ro && echo "result inmemory.ratio_journal_to_dnsmasq_leasefile_ro $(ratio inmemory_journal dnsmasq_leasefile_ro) x"
  wanted kea_memfile && echo "result inmemory.ratio_journal_to_kea_memfile $(ratio inmemory_journal kea_memfile) x"
  wanted inmemory && echo "result inmemory.ratio_journal_to_no_journal $(ratio inmemory_journal inmemory) x"
fi
wanted inmemory && wanted kea_memfile && echo "result inmemory.ratio_no_journal_to_kea_memfile $(ratio inmemory kea_memfile) x"
exit 0
