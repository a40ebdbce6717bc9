package org.popsurvey.schemaadmin;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.popsurvey.cli.PopsurveyCommandLine;
import org.popsurvey.registry.IncompatibleSchemaException;
import org.popsurvey.registry.RegisteredSchema;
import org.popsurvey.registry.SchemaRegistryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code schemas register}: registers each contract under its subject, after putting a subject
 * that has no level of its own under BACKWARD (the project's rule: readers of the newest schema
 * read all older data). The registry decides; a refusal (HTTP 409) is one line with the reasons.
 */
@Command(
        name = "register",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Register each contract under its subject (a subject without its own compatibility "
                + "level gets BACKWARD first); exit 1 if the registry refuses one.")
final class SchemasRegisterCommand extends SchemasSubcommand implements Callable<Integer> {

    @Mixin
    ContractOptions contractOptions;

    @Option(names = "--dry-run", description = "Show what would be registered and set, change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        SchemaRegistryClient registry = registry();
        PrintWriter out = out();
        int refused = 0;
        for (Contract contract : contractOptions.contracts()) {
            String subject = contract.subject();
            Optional<String> ownLevel = registry.subjectCompatibility(subject);
            CompatibilityLevel level = ownLevel.map(l -> CompatibilityLevel.parse(l, "subject " + subject))
                    .orElse(CompatibilityLevel.BACKWARD);
            ContractCheck check = ContractCheck.run(registry, contract, level);
            if (dryRun) {
                ownLevel.ifPresentOrElse(
                        l -> {},
                        () -> out.println(subject + ": would set compatibility " + level
                                + " (the subject has no level of its own)"));
                out.println(check.summary());
                check.reasons().forEach(reason -> out.println("  - " + reason));
                refused += check.outcome() == ContractCheck.Outcome.INCOMPATIBLE ? 1 : 0;
                continue;
            }
            if (ownLevel.isEmpty()) {
                registry.setCompatibility(subject, level.name());
                out.println(subject + ": compatibility set to " + level + " (the subject had no level of its own)");
            }
            if (check.outcome() == ContractCheck.Outcome.ALREADY_REGISTERED) {
                out.println(check.summary());
                continue;
            }
            try {
                registry.register(subject, contract.schema());
                RegisteredSchema registered = registry.lookup(subject, contract.schema());
                out.printf(
                        "%s: registered %s as version %d (id %d)%n",
                        subject, contract.source(), registered.version(), registered.id());
            } catch (IncompatibleSchemaException e) {
                err().println("error: " + subject + ": the registry at " + registry.url() + " refuses "
                        + contract.source() + " (HTTP 409, not " + level + "-compatible): "
                        + (check.reasons().isEmpty() ? e.getMessage() : String.join("; ", check.reasons())));
                refused++;
            }
        }
        if (dryRun) {
            out.println("Dry run: nothing registered or set; " + refused + " contract(s) would be refused.");
        } else {
            out.println(refused == 0 ? "Done." : refused + " contract(s) refused; the others are registered.");
        }
        out.flush();
        err().flush();
        return refused == 0 ? PopsurveyCommandLine.EXIT_OK : PopsurveyCommandLine.EXIT_FAILURE;
    }
}
