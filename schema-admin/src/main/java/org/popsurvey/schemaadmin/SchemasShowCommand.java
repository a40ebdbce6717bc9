package org.popsurvey.schemaadmin;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.popsurvey.cli.CommandFailedException;
import org.popsurvey.cli.PopsurveyCommandLine;
import org.popsurvey.registry.RegisteredSchema;
import org.popsurvey.registry.SchemaRegistryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code schemas show SUBJECT [--version N]}: one version of a subject, its id, level and schema. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = "Show one version of a subject (default: the latest): id, compatibility level, the schema.")
final class SchemasShowCommand extends SchemasSubcommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SUBJECT", description = "The subject, e.g. population.raw-value.")
    String subject;

    @Option(names = "--version", paramLabel = "N", description = "The version to show (default: the latest).")
    Integer version;

    @Override
    public Integer call() {
        SchemaRegistryClient registry = registry();
        List<Integer> versions = registry.versions(subject);
        if (versions.isEmpty()) {
            throw new CommandFailedException("Subject " + subject + " has no version at " + registry.url()
                    + " (./popsurvey schemas list shows the subjects)");
        }
        int shown = version != null ? version : versions.get(versions.size() - 1);
        if (!versions.contains(shown)) {
            throw new CommandFailedException("Subject " + subject + " has no version " + shown + " at " + registry.url()
                    + "; its versions: " + versions);
        }
        RegisteredSchema registered = registry.version(subject, shown);
        PrintWriter out = out();
        out.printf(
                "subject %s, version %d of %s, id %d, compatibility %s%n",
                subject, registered.version(), versions, registered.id(), registry.compatibility(subject));
        out.println(registered.schema().toString(true));
        out.flush();
        return PopsurveyCommandLine.EXIT_OK;
    }
}
