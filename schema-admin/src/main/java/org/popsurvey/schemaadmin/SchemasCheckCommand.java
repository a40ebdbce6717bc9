package org.popsurvey.schemaadmin;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.popsurvey.cli.PopsurveyCommandLine;
import org.popsurvey.registry.SchemaRegistryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code schemas check}: may each contract be registered next under its subject's level (the
 * subject's own, else the registry's global one)? Changes nothing; exit 1 if any may not.
 */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Check each contract against its subject under the subject's compatibility level; "
                + "exit 1 listing every incompatibility (field and reason). Changes nothing.")
final class SchemasCheckCommand extends SchemasSubcommand implements Callable<Integer> {

    @Mixin
    ContractOptions contractOptions;

    @Override
    public Integer call() {
        SchemaRegistryClient registry = registry();
        PrintWriter out = out();
        int incompatible = 0;
        int checked = 0;
        for (Contract contract : contractOptions.contracts()) {
            String level = registry.compatibility(contract.subject());
            ContractCheck check = ContractCheck.run(
                    registry, contract, CompatibilityLevel.parse(level, "subject " + contract.subject()));
            out.println(check.summary());
            check.reasons().forEach(reason -> out.println("  - " + reason));
            checked++;
            if (check.outcome() == ContractCheck.Outcome.INCOMPATIBLE) {
                incompatible++;
            }
        }
        out.printf("%d contract(s) checked at %s: %d incompatible%n", checked, registry.url(), incompatible);
        out.flush();
        return incompatible == 0 ? PopsurveyCommandLine.EXIT_OK : PopsurveyCommandLine.EXIT_FAILURE;
    }
}
