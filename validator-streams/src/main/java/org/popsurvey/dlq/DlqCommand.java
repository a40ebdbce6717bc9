package org.popsurvey.dlq;

import org.popsurvey.cli.PopsurveyCommandLine;
import org.popsurvey.deadletter.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./popsurvey dlq}: look into the dead-letter topic and send fixed records back.
 *
 * <p>How to run: {@code ./popsurvey dlq stats}, {@code ./popsurvey dlq list --code ESTIMATE_NOT_A_NUMBER},
 * {@code ./popsurvey dlq show 0:17}, {@code ./popsurvey dlq replay 0:17 --set estimate=2558 --dry-run}.
 * Reads are read_committed and use no consumer group, so looking never changes anything.
 */
@Command(
        name = "dlq",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Inspect the dead-letter topic and replay dead letters.",
        subcommands = {DlqStatsCommand.class, DlqListCommand.class, DlqShowCommand.class, DlqReplayCommand.class})
public final class DlqCommand implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with the project's conventions, and error codes accepted in any case. */
    public static picocli.CommandLine commandLine() {
        return PopsurveyCommandLine.create(new DlqCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing sub-command: stats, list, show or replay");
    }
}
