package org.popsurvey.schemaadmin;

import java.io.PrintWriter;
import org.popsurvey.cli.ConnectionOptions;
import org.popsurvey.registry.SchemaRegistryClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every {@code schemas} sub-command shares: the registry connection and where to print. */
abstract class SchemasSubcommand {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    private SchemaRegistryClient registry;

    SchemaRegistryClient registry() {
        if (registry == null) {
            registry = SchemaRegistryClient.fromConfig(connection.clientConfig());
        }
        return registry;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
