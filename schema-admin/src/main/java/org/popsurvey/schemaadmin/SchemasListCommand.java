package org.popsurvey.schemaadmin;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.popsurvey.cli.PopsurveyCommandLine;
import org.popsurvey.registry.RegisteredSchema;
import org.popsurvey.registry.SchemaRegistryClient;
import picocli.CommandLine.Command;

/** {@code schemas list}: every subject with its versions, latest id and compatibility level. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "List every subject: versions, the latest version's id and schema name, compatibility level.")
final class SchemasListCommand extends SchemasSubcommand implements Callable<Integer> {

    private static final String ROW = "%-32s %-10s %-6s %-22s %s%n";

    @Override
    public Integer call() {
        SchemaRegistryClient registry = registry();
        PrintWriter out = out();
        List<String> subjects = registry.subjects().stream().sorted().toList();
        String global = registry.globalCompatibility();
        out.printf(ROW, "SUBJECT", "VERSIONS", "ID", "LEVEL", "LATEST SCHEMA");
        for (String subject : subjects) {
            List<Integer> versions = registry.versions(subject);
            if (versions.isEmpty()) {
                continue;
            }
            RegisteredSchema latest = registry.version(subject, versions.get(versions.size() - 1));
            String level = registry.subjectCompatibility(subject).orElse(global + " (global)");
            out.printf(
                    ROW,
                    subject,
                    versions.size() == 1 ? "1" : versions.get(0) + "-" + latest.version(),
                    latest.id(),
                    level,
                    latest.schema().getFullName());
        }
        out.printf("%d subject(s) at %s; global compatibility %s%n", subjects.size(), registry.url(), global);
        out.flush();
        return PopsurveyCommandLine.EXIT_OK;
    }
}
