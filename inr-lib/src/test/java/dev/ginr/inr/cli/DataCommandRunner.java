package dev.ginr.inr.cli;

/** Runs {@code ginr data ...} in this JVM and captures what it prints (for tests outside the cli package). */
public final class DataCommandRunner {

    /** Exit code and the captured output. */
    public record Result(int exitCode, String out, String err) {}

    private DataCommandRunner() {}

    public static Result run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "data";
        System.arraycopy(args, 0, all, 1, args.length);
        TrainCommandTest.Run r = TrainCommandTest.run(all);
        return new Result(r.code(), r.out(), r.err());
    }
}
