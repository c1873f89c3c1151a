#!/usr/bin/env bash
# The dnsmasq driver's benchmarks (issue 5), as root, within 10 minutes:
#
#   dnsmasq.render_ms_1k, _10k, _100k  JMH (RenderBenchmark): rendering a network's three files
#                                      (host, addn_hosts, opts) for 1,000 / 10,000 / 100,000
#                                      ports (UUID id, one MAC, one fixed IPv4, a hostname)
#   dnsmasq.change_visible_ms          median over 20 IP changes of the time from submit to the
#                                      agent until a udhcpc started after the change gets the
#                                      new address (VisibleRun)
#   dnsmasq.churn_changes_per_s        IP and option changes per second to ports without leases
#                                      of a 10,000-port network, through the agent to a running
#                                      dnsmasq, each confirmed by dnsmasq's log (ChurnRun);
#                                      bar >= 2000 (Neutron's field figure: about 10/s)
#   dnsmasq.releases_per_s             leases released with dhcp_release and verified, per second,
#                                      when ports holding leases are deleted, 100 at a time, in a
#                                      2,000-port network (ReleaseRun)
#   dnsmasq.release_burst_leases_left  leases still held after a burst of 300 deletes once the
#                                      driver has accounted for all of them; bar <= 0
#
# The lab: a server namespace and a client namespace of unique names joined by a veth pair
# (server end vs, 10.79.255.254/12; client end vc, no address, its MAC the probe port's). The
# Java lab (io.dhcpstate.benchmarks.dnsmasq.DnsmasqLab) runs in the host namespace: the agent
# (its source of truth kept current by the lab) and the dnsmasq driver, which runs dnsmasq and
# dhcp_release through `ip netns exec SERVER-NS`; it runs udhcpc with `ip netns exec CLIENT-NS`,
# each run bounded by `timeout`. Everything started is stopped, and the namespaces removed, on
# exit, also when interrupted. Logs (and dnsmasq's logs) stay in the printed work directory.
# See README.md beside this script for what each figure measures.
#
# Usage: benchmarks/dnsmasq/run.sh [--skip-build] [--quick] [--only NAME,...] [--lab 'ARGS']
#   --skip-build  use benchmarks/target/benchmarks.jar as it is
#   --quick       JMH with 1 fork and short iterations; 8 s of churn; 1 release round (a look,
#                 not the figures)
#   --only        some of render,visible,churn,releases (default all)
#   --lab         more options for the lab (see DnsmasqLab), such as '--releases 100'; for
#                 experiments, the figures are defined by the defaults
# LAB_JVM_OPTS in the environment adds JVM options to the lab, such as a JFR recording.
# Ends with one line per figure: result NAME VALUE UNIT ±ERROR BAR PASS|FAIL (no-bar REPORTED
# for figures without a bar). The exit status is 1 when a figure fails its bar or is missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
start_time=$SECONDS
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
srv_ip=10.79.255.254
prefix=12
probe_mac=fa:16:3e:ff:ff:01

skip_build=0
quick=0
extra_lab=()
only="render,visible,churn,releases"
while (($#)); do
  case "$1" in
    --skip-build) skip_build=1 ;;
    --quick) quick=1 ;;
    --only) only="$2"; shift ;;
    --lab) read -r -a extra_lab <<<"$2"; shift ;;
    *) echo "usage: $0 [--skip-build] [--quick] [--only render,visible,churn,releases] [--lab 'ARGS']" >&2
       exit 2 ;;
  esac
  shift
done
wanted() { [[ ",$only," == *",$1,"* ]]; }

if [ "$(id -u)" != 0 ]; then
  echo "benchmarks/dnsmasq/run.sh: must run as root (network namespaces, dnsmasq)" >&2
  exit 1
fi
for tool in ip dnsmasq dhcp_release busybox timeout; do
  command -v "$tool" >/dev/null || { echo "missing $tool (iproute2, dnsmasq-base, dnsmasq-utils, busybox)" >&2; exit 1; }
done

tag="dsbd$$"
srv_ns="$tag-s"
cli_ns="$tag-c"
work="$(mktemp -d /tmp/dhcpstate-bench-dnsmasq.XXXXXX)"
chmod 755 "$work" # dnsmasq runs as nobody and must reach its files below it
state="$work/state"
namespaces=()
lab_pid=""

say() { echo "# $*"; }

stop_pid() { # PID: TERM, up to 10 s, then KILL; only processes this script started
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 100); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}

stop_dnsmasq() { # the lab's dnsmasq processes, by the pids in their pid files
  local f pid
  for f in "$state"/*/pid; do
    [ -f "$f" ] || continue
    pid="$(tr -dc 0-9 <"$f")"
    [ -n "$pid" ] || continue
    # only a dnsmasq whose command line names this run's state directory
    if tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- "--pid-file=$state/"; then
      stop_pid "$pid"
    fi
  done
}

cleanup() {
  local ns d
  if [ -n "$lab_pid" ]; then stop_pid "$lab_pid"; fi # its shutdown hook stops dnsmasq
  stop_dnsmasq
  for ns in "${namespaces[@]+"${namespaces[@]}"}"; do
    timeout 10 ip netns del "$ns" 2>/dev/null || true
  done
  for d in "$state"/*/; do
    [ -f "$d/log" ] && cp "$d/log" "$work/dnsmasq-$(basename "$d").log" 2>/dev/null || true
  done
  rm -rf "$state" "$work/benchmarks.jar" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

make_lab() {
  timeout 10 ip netns add "$srv_ns"; namespaces+=("$srv_ns")
  timeout 10 ip netns add "$cli_ns"; namespaces+=("$cli_ns")
  timeout 10 ip -n "$srv_ns" link add vs type veth peer name vc netns "$cli_ns"
  timeout 10 ip -n "$cli_ns" link set vc address "$probe_mac"
  timeout 10 ip -n "$srv_ns" link set lo up
  timeout 10 ip -n "$cli_ns" link set lo up
  timeout 10 ip -n "$srv_ns" addr add "$srv_ip/$prefix" dev vs
  timeout 10 ip -n "$srv_ns" link set vs up
  timeout 10 ip -n "$cli_ns" link set vc up
}

load() { cut -d' ' -f1-3 /proc/loadavg; }

say "work directory $work; $(nproc) CPUs; load average $(load)"
if awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v n="$(nproc)" 'BEGIN { exit !(l > n) }'; then
  say "WARNING: the machine is busy (load above its CPU count): timed figures will be low"
fi

jar="$root/benchmarks/target/benchmarks.jar"
if ((!skip_build)); then
  say "building benchmarks/target/benchmarks.jar"
  # other builds may share target/ (a class missing for a moment): retry, twice at most
  for attempt in 1 2 3; do
    if (cd "$root" && timeout 240 mvn -B -q -pl benchmarks -am package -Dmaven.test.skip=true \
      -Dmaven.javadoc.skip=true -Dmaven.source.skip=true) >"$work/build.log" 2>&1; then
      break
    fi
    if ((attempt == 3 || SECONDS - start_time > 300)); then
      tail -40 "$work/build.log" >&2
      exit 1
    fi
    say "build failed (attempt $attempt); retrying in 15 s"
    sleep 15
  done
fi
[ -f "$jar" ] || { echo "missing $jar (run without --skip-build)" >&2; exit 1; }
cp "$jar" "$work/benchmarks.jar" # a concurrent rebuild must not change it under us
jar="$work/benchmarks.jar"
say "built in $((SECONDS - start_time)) s"

results=()
if wanted render; then
  say "JMH: RenderBenchmark (1,000 / 10,000 / 100,000 ports)"
  render_args=()
  ((quick)) && render_args+=(--quick)
  # RenderSuite waits up to 2 minutes for another JMH run's lock, then fails; run anyway then
  render_jvm=()
  for attempt in 1 2; do
    if timeout -k 5 360 "$java_bin" "${render_jvm[@]+"${render_jvm[@]}"}" -cp "$jar" \
      io.dhcpstate.benchmarks.dnsmasq.RenderSuite "${render_args[@]+"${render_args[@]}"}" \
      >"$work/render.log" 2>&1; then
      break
    fi
    if ((attempt == 1)) && grep -q 'Unable to acquire the JMH lock' "$work/render.log"; then
      say "WARNING: another JMH run kept its lock for 2 minutes; running alongside it"
      render_jvm=(-Djmh.ignoreLock=true)
      continue
    fi
    tail -30 "$work/render.log" >&2
    break
  done
  grep -E '^RenderBenchmark|^Benchmark' "$work/render.log" | sed 's/^/#   /' || true
  while IFS= read -r line; do results+=("$line"); done < <(grep '^result ' "$work/render.log" || true)
  for s in 1k 10k 100k; do
    grep -q "^result dnsmasq.render_ms_$s " "$work/render.log" \
      || results+=("result dnsmasq.render_ms_$s NaN ms ±NaN no-bar FAIL")
  done
  say "render done at $((SECONDS - start_time)) s"
fi

lab_only=()
for s in visible churn releases; do wanted "$s" && lab_only+=("$s"); done
if ((${#lab_only[@]})); then
  make_lab
  mkdir -p "$state"
  chmod 755 "$state"
  lab_args=(--srv-ns "$srv_ns" --cli-ns "$cli_ns" --srv-if vs --cli-if vc
    --probe-mac "$probe_mac" --state "$state" --work "$work"
    --only "$(IFS=,; echo "${lab_only[*]}")")
  ((quick)) && lab_args+=(--churn-seconds 8 --release-rounds 1)
  lab_args+=("${extra_lab[@]+"${extra_lab[@]}"}")
  left=$((570 - (SECONDS - start_time)))
  ((left > 60)) || left=60
  say "lab: namespaces $srv_ns and $cli_ns; $left s left for it"
  read -r -a lab_jvm <<<"${LAB_JVM_OPTS:-}" # e.g. a JFR recording: -XX:StartFlightRecording=...
  timeout -k 10 "$left" "$java_bin" -Xms1g -Xmx2g "${lab_jvm[@]+"${lab_jvm[@]}"}" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.showDateTime=true \
    -cp "$jar" io.dhcpstate.benchmarks.dnsmasq.DnsmasqLab "${lab_args[@]}" \
    >"$work/lab.log" 2>&1 &
  lab_pid=$!
  wait "$lab_pid" || say "lab exited with status $?"
  lab_pid=""
  grep -v '^result ' "$work/lab.log" | sed 's/^/# /' | tail -60
  while IFS= read -r line; do results+=("$line"); done < <(grep '^result ' "$work/lab.log" || true)
  for s in "${lab_only[@]}"; do
    case "$s" in
      visible) name=dnsmasq.change_visible_ms; unit=ms; bar="no-bar" ;;
      churn) name=dnsmasq.churn_changes_per_s; unit=changes/s; bar="bar>=2000" ;;
      releases) name=dnsmasq.releases_per_s; unit=releases/s; bar="no-bar"
        grep -q "^result dnsmasq.release_burst_leases_left " "$work/lab.log" \
          || results+=("result dnsmasq.release_burst_leases_left NaN leases ±NaN bar<=0 FAIL") ;;
    esac
    grep -q "^result $name " "$work/lab.log" || results+=("result $name NaN $unit ±NaN $bar FAIL")
  done
fi

say "elapsed $((SECONDS - start_time)) s; load average now $(load); logs in $work"
status=0
for line in "${results[@]+"${results[@]}"}"; do
  echo "$line"
  [[ "$line" == *" FAIL"* ]] && status=1
done
exit "$status"
