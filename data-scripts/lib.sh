# Shared by the data-scripts: root helper and the inr-lib build the scripts run (sourced, not executed).
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        echo "$(basename "$0"): need root (or sudo) to run: $*" >&2; return 1; fi
}

# Builds inr-lib when its classes are missing or older than its sources; sets CLASSPATH_ARG.
build_classes() {
    local classes="$REPO/inr-lib/target/classes"
    local cp_file="$REPO/inr-lib/target/data-scripts.classpath"
    if [ ! -f "$classes/dev/ginr/inr/cli/DataCommand.class" ] \
        || [ -n "$(find "$REPO/inr-lib/src/main" -newer "$classes/dev/ginr/inr/cli/DataCommand.class" -print -quit)" ]; then
        (cd "$REPO" && mvn -q -B -pl inr-lib -am package -DskipTests) >&2
    fi
    if [ ! -s "$cp_file" ] || [ "$REPO/inr-lib/pom.xml" -nt "$cp_file" ] || [ "$REPO/pom.xml" -nt "$cp_file" ]; then
        (cd "$REPO" && mvn -q -B -pl inr-lib dependency:build-classpath -Dmdep.outputFile="$cp_file") >&2
    fi
    CLASSPATH_ARG="$classes:$(cat "$cp_file")"
}

# Runs `ginr data ARGS...` (the Java command line) in this shell's place.
run_data_command() {
    build_classes
    exec java -cp "$CLASSPATH_ARG" dev.ginr.inr.cli.DataCommand "$@"
}
