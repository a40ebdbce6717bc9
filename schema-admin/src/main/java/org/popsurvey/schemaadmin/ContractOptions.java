package org.popsurvey.schemaadmin;

import java.nio.file.Path;
import java.util.List;
import org.popsurvey.schemas.Topics;
import picocli.CommandLine.Option;

/** Which contracts {@code check} and {@code register} work on, and the topics naming their subjects. */
final class ContractOptions {

    @Option(
            names = "--contracts",
            paramLabel = "DIR",
            description = "Folder of .avsc files to use instead of the contracts this build was compiled from "
                    + "(schemas/src/main/avro), e.g. a reviewed change not yet built.")
    Path folder;

    @Option(
            names = "--raw-topic",
            paramLabel = "TOPIC",
            defaultValue = Topics.RAW,
            description = "Topic of RawPopulationRow; its subject is TOPIC-value (default: ${DEFAULT-VALUE}).")
    String rawTopic;

    @Option(
            names = "--clean-topic",
            paramLabel = "TOPIC",
            defaultValue = Topics.CLEAN,
            description = "Topic of PopulationRecord; its subject is TOPIC-value (default: ${DEFAULT-VALUE}).")
    String cleanTopic;

    List<Contract> contracts() {
        return folder == null
                ? Contracts.builtIn(rawTopic, cleanTopic)
                : Contracts.fromFolder(folder, rawTopic, cleanTopic);
    }
}
