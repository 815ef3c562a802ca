package dev.ginr.inr.cli;

import dev.ginr.inr.GinrEngine;
import dev.ginr.inr.GinrVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ginr} command line: a thin shell over the library. Bad arguments print a usage line and exit 2;
 * invalid settings print the offending value and what is allowed, never a stack trace.
 */
@Command(name = "ginr", mixinStandardHelpOptions = true, versionProvider = Ginr.Version.class,
        description = "Generalizable implicit neural representations via instance pattern composers.",
        subcommands = {FitCommand.class, TrainCommand.class, EvalCommand.class, BenchCommand.class,
                GpuCheckCommand.class, ReconstructCommand.class, DataCommand.class})
public final class Ginr implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        CliLogging.quiet();
        SignalStop.quitAtOnce(); // train and fit take the signals over while they run
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (0 ok, 1 failed, 2 usage). */
    public static int run(String... args) {
        GinrEngine.goOffline();
        CommandLine cli = new CommandLine(new Ginr());
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("ginr " + cmd.getCommandName() + ": " + message(ex));
            return 1;
        });
        return cli.execute(args);
    }

    private static String message(Throwable ex) {
        Throwable t = ex;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** {@code ginr --version}: the library version the build stamped. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ginr-java " + GinrVersion.version()};
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }
}
