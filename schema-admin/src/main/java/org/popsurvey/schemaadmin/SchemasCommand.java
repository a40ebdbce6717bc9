package org.popsurvey.schemaadmin;

import org.popsurvey.cli.PopsurveyCommandLine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./popsurvey schemas}: the contracts' subjects on a Confluent-API schema registry, for the
 * platform team that registers schemas and for CI that checks a change before it is merged.
 *
 * <p>How to run: {@code ./popsurvey schemas check}, {@code ./popsurvey schemas register --dry-run},
 * {@code ./popsurvey schemas list}, {@code ./popsurvey schemas show population.raw-value}. Exit
 * codes: 0 ok, 1 incompatible, refused or denied, 2 usage.
 */
@Command(
        name = "schemas",
        mixinStandardHelpOptions = true,
        description = "Check, register, list and show the Avro contracts' subjects on the schema registry.",
        subcommands = {
            SchemasCheckCommand.class,
            SchemasRegisterCommand.class,
            SchemasListCommand.class,
            SchemasShowCommand.class
        })
public final class SchemasCommand implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with the project's conventions (for tests). */
    public static CommandLine commandLine() {
        return PopsurveyCommandLine.create(new SchemasCommand());
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing sub-command: check, register, list or show");
    }
}
