# Shared settings and helpers of the stack scripts (sourced, not run).
# Every setting can be changed through the environment; the defaults stay clear of a developer's
# own PostgreSQL (5432), MySQL (3306), Kafka (9092) and Kafka Connect (8083).

stack_src=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$stack_src/.." && pwd)

# In a source tree the stack keeps its files in build/; installed from a package (the scripts in
# /usr/share/cdc-studio/stack, read-only), in the user's own data folder.
if [[ -f $repo_root/CMakeLists.txt ]]; then
    stack_home=$repo_root/build
    setup_hint="run scripts/setup"
else
    stack_home=${XDG_DATA_HOME:-$HOME/.local/share}/cdc-studio
    setup_hint="install the Debian packages listed in $stack_src/packages.apt"
fi
STACK_DIR=${CDC_STACK_DIR:-$stack_home/stack}        # data, logs, pids, stack.env
STACK_LIB=${CDC_STACK_LIB:-$stack_home/stack-lib}    # jars fetched from Maven Central
PG_PORT=${CDC_PG_PORT:-15432}
MYSQL_PORT=${CDC_MYSQL_PORT:-13306}
KAFKA_PORT=${CDC_KAFKA_PORT:-19092}
KAFKA_CONTROLLER_PORT=${CDC_KAFKA_CONTROLLER_PORT:-19093}
CONNECT_PORT=${CDC_CONNECT_PORT:-18083}
STACK_TIMEOUT=${CDC_STACK_TIMEOUT:-180}                    # seconds to wait for each part
BROKER_HEAP=${CDC_BROKER_HEAP:-512m}
CONNECT_HEAP=${CDC_CONNECT_HEAP:-768m}
DATABASE=capstone
DB_USER=debezium

# Without PostgreSQL installed this is empty (stack/up says so); `|| true` keeps set -e from ending
# every script here silently.
PG_BIN=${CDC_PG_BIN:-$( (ls -d /usr/lib/postgresql/*/bin 2>/dev/null || true) | sort -V | tail -n 1)}
JAVA=${CDC_JAVA:-java}

log_dir=$STACK_DIR/logs
pid_dir=$STACK_DIR/pids
pg_data=$STACK_DIR/postgres
pg_run=$STACK_DIR/postgres-run
my_data=$STACK_DIR/mariadb
kafka_data=$STACK_DIR/kafka
connect_conf=$STACK_DIR/connect
secrets=$STACK_DIR/secrets.properties
env_file=$STACK_DIR/stack.env

say() { printf 'stack: %s\n' "$*" >&2; }
die() { printf 'stack: error: %s\n' "$*" >&2; exit 1; }

# The user that runs PostgreSQL: initdb refuses root.
pg_user() { if ((EUID == 0)); then echo postgres; else id -un; fi; }
as_pg() { if ((EUID == 0)); then runuser -u postgres -- "$@"; else "$@"; fi; }

# pid_alive NAME: true when the pid file of NAME names a running process.
pid_alive() {
    local f=$pid_dir/$1.pid
    [[ -f $f ]] && kill -0 "$(cat "$f")" 2>/dev/null
}

secret() { sed -n "s/^$1=//p" "$secrets"; }

# wait_for NAME LOGFILE COMMAND...: retries COMMAND until it succeeds or STACK_TIMEOUT passes;
# on timeout names the part and shows the end of its log.
wait_for() {
    local name=$1 logfile=$2
    shift 2
    local deadline=$((SECONDS + STACK_TIMEOUT))
    until "$@" >/dev/null 2>&1; do
        if ((SECONDS >= deadline)); then
            say "$name did not answer within ${STACK_TIMEOUT}s; the end of $logfile:"
            tail -n 30 "$logfile" >&2 || true
            exit 1
        fi
        if [[ -f $pid_dir/$name.pid ]] && ! pid_alive "$name"; then
            say "$name exited; the end of $logfile:"
            tail -n 30 "$logfile" >&2 || true
            exit 1
        fi
        sleep 1
    done
}

# stop_pid NAME: stops the process of NAME's pid file, politely, then by force after 30 s.
stop_pid() {
    local name=$1 pid
    pid_alive "$name" || { rm -f "$pid_dir/$name.pid"; return 0; }
    pid=$(cat "$pid_dir/$name.pid")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
        say "$name (pid $pid) did not stop in 30s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$pid_dir/$name.pid"
    say "stopped $name"
}

# connect_ready: the worker answers and has loaded the Debezium plugins.
connect_ready() {
    local plugins
    plugins=$(curl -fsS --max-time 5 "http://127.0.0.1:$CONNECT_PORT/connector-plugins") || return 1
    for cls in io.debezium.connector.postgresql.PostgresConnector io.debezium.connector.mysql.MySqlConnector \
        io.debezium.connector.mariadb.MariaDbConnector; do
        [[ $plugins == *"\"$cls\""* ]] || return 1
    done
}

# launch_connect: starts the Kafka Connect worker with the configuration in $connect_conf, appending to
# its log, and waits until it answers with the Debezium plugins loaded (stack/up and stack/worker).
launch_connect() {
    nohup "$JAVA" -Xms128m "-Xmx$CONNECT_HEAP" -XX:+UseSerialGC \
        -Dlog4j2.configurationFile="$stack_src/config/log4j2.properties" \
        -cp "$STACK_LIB/worker/*" org.apache.kafka.connect.cli.ConnectDistributed \
        "$connect_conf/connect-distributed.properties" </dev/null >>"$log_dir/connect.log" 2>&1 &
    echo $! >"$pid_dir/connect.pid"
    wait_for connect "$log_dir/connect.log" connect_ready
}

# kafka_ready: the broker answers a metadata request.
kafka_ready() { kcat -b "127.0.0.1:$KAFKA_PORT" -L -m 2; }

# launch_kafka: starts the broker with $kafka_data/server.properties (formatted storage), appending to
# its log, and waits until it answers (stack/up and stack/broker).
launch_kafka() {
    nohup "$JAVA" -Xms128m "-Xmx$BROKER_HEAP" -XX:+UseSerialGC \
        -Dlog4j2.configurationFile="$stack_src/config/log4j2.properties" \
        -cp "$STACK_LIB/broker/*" kafka.Kafka "$kafka_data/server.properties" </dev/null >>"$log_dir/kafka.log" 2>&1 &
    echo $! >"$pid_dir/kafka.pid"
    wait_for kafka "$log_dir/kafka.log" kafka_ready
}
