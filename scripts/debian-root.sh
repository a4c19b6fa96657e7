# Clean Debian 12 roots made with debootstrap, shared by scripts/clean-root (CI: ./dev test in a
# fresh root) and packaging/package-test (the .deb installed into one). Sourced, not run; needs root.
#
#   debian_root_pristine DIR LOG      makes DIR with debootstrap --variant=minbase unless it is complete
#   debian_root_is_pristine DIR       true when DIR is a complete root of this mirror and suite
#   debian_root_copy PRISTINE ROOT    a fresh copy of PRISTINE at ROOT, with apt sources, this machine's
#                                     resolv.conf and local CA certificates, and a policy-rc.d that keeps
#                                     services from starting
#   debian_root_kill ROOT             ends every process whose root is ROOT or inside it
#   debian_root_unmount ROOT          unmounts everything under ROOT (and ROOT), newest first
#   debian_root_remove ROOT           removes ROOT, refusing while anything is mounted under it
#
# Settings: CDC_DEBIAN_MIRROR, CDC_DEBIAN_SECURITY_MIRROR.
# shellcheck shell=bash

debian_mirror=${CDC_DEBIAN_MIRROR:-http://deb.debian.org/debian}
debian_security_mirror=${CDC_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
debian_suite=bookworm
# The mark of a complete root: debootstrap succeeded. Copies do not carry it.
debian_root_mark=.cdc-complete

debian_root_say() { printf '%s: %s\n' "${debian_root_who:-debian-root}" "$*"; }
debian_root_error() { printf '%s: error: %s\n' "${debian_root_who:-debian-root}" "$*" >&2; }

debian_root_is_pristine() {
    [[ -f $1/$debian_root_mark ]] && grep -qxF "$debian_mirror $debian_suite" "$1/$debian_root_mark"
}

# debian_root_pristine DIR LOG: debootstrap into DIR.tmp, marked and moved to DIR only when it succeeded.
# Its .debs are kept in DIR.debs for the next time. Returns 1 (with the log's end shown) on failure.
debian_root_pristine() {
    local dir=$1 log=$2 started=$SECONDS
    debian_root_is_pristine "$dir" && return 0
    debian_root_say "making a clean Debian 12 root with debootstrap (minbase) from $debian_mirror"
    rm -rf --one-file-system "$dir" "$dir.tmp"
    mkdir -p "$dir.debs" "$(dirname "$log")"
    if ! debootstrap --variant=minbase --cache-dir="$dir.debs" "$debian_suite" "$dir.tmp" "$debian_mirror" \
        >"$log" 2>&1; then
        debian_root_error "debootstrap failed; the end of its log ($log):"
        tail -n 30 "$log" >&2
        rm -rf --one-file-system "$dir.tmp"
        return 1
    fi
    echo "$debian_mirror $debian_suite" >"$dir.tmp/$debian_root_mark"
    mv "$dir.tmp" "$dir"
    debian_root_say "debootstrap took $((SECONDS - started)) s"
}

debian_root_copy() {
    local pristine=$1 root=$2
    mkdir -p "$root"
    cp -a "$pristine/." "$root/"
    rm -f "$root/$debian_root_mark"
    cat >"$root/etc/apt/sources.list" <<EOF
deb $debian_mirror $debian_suite main
deb $debian_mirror $debian_suite-updates main
deb $debian_security_mirror $debian_suite-security main
EOF
    # This machine's network, not the project's: its DNS, and the certificate authorities added to it
    # (a proxy that intercepts TLS, say), which ca-certificates adds to the root's stores when installed.
    rm -f "$root/etc/resolv.conf"
    cp -L /etc/resolv.conf "$root/etc/resolv.conf"
    if compgen -G "/usr/local/share/ca-certificates/*" >/dev/null; then
        mkdir -p "$root/usr/local/share/ca-certificates"
        cp -a /usr/local/share/ca-certificates/. "$root/usr/local/share/ca-certificates/"
    fi
    # debootstrap writes no /etc/hosts; Debian's installer writes this one (localhost for the servers).
    if [[ ! -f $root/etc/hosts ]]; then
        printf '127.0.0.1\tlocalhost\n127.0.1.1\t%s\n\n::1\tlocalhost ip6-localhost ip6-loopback\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n' \
            "$(cat "$root/etc/hostname" 2>/dev/null || hostname)" >"$root/etc/hosts"
    fi
    # Installing postgresql or mariadb-server must not start system services (on their default ports).
    printf '#!/bin/sh\n# No services start in this root.\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
    chmod 755 "$root/usr/sbin/policy-rc.d"
}

# The mount points at or under ROOT, newest first (so nested mounts go before what they sit on).
debian_root_mounts() {
    local root=$1
    awk -v r="$root" '{ p = $5; gsub(/\\040/, " ", p); if (p == r || index(p, r "/") == 1) print p }' \
        /proc/self/mountinfo | tac
}

debian_root_unmount() {
    local root=$1 m
    while read -r m; do
        umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || debian_root_error "could not unmount $m"
    done < <(debian_root_mounts "$root")
    [[ -z $(debian_root_mounts "$root") ]]
}

# The pids of the processes whose root directory is ROOT or a folder in it (nested chroots).
debian_root_pids() {
    local root=$1 p r
    for p in /proc/[0-9]*; do
        r=$(readlink "$p/root" 2>/dev/null) || continue
        [[ $r == "$root" || $r == "$root"/* ]] && echo "${p#/proc/}"
    done
    return 0
}

debian_root_kill() {
    local root=$1 pids
    pids=$(debian_root_pids "$root")
    [[ -z $pids ]] && return 0
    debian_root_say "ending $(wc -w <<<"$pids") process(es) still running in $root"
    # shellcheck disable=SC2086 # one pid a word
    kill -TERM $pids 2>/dev/null || true
    for _ in $(seq 1 20); do
        pids=$(debian_root_pids "$root")
        [[ -z $pids ]] && return 0
        sleep 0.5
    done
    debian_root_say "killing what did not end in 10 s: $(tr '\n' ' ' <<<"$pids")"
    # shellcheck disable=SC2086
    kill -KILL $pids 2>/dev/null || true
    sleep 1
}

# Bind mounts from the same filesystem look like ordinary folders to rm --one-file-system: refuse to
# remove while anything is mounted under ROOT, or a cache bind-mounted there would be emptied.
debian_root_remove() {
    local root=$1
    if [[ -n $(debian_root_mounts "$root") ]]; then
        debian_root_error "not removing $root: still mounted there: $(debian_root_mounts "$root" | tr '\n' ' ')"
        return 1
    fi
    rm -rf --one-file-system "$root"
}
