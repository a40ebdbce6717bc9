package org.popsurvey.schemaadmin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.popsurvey.cli.CommandFailedException;
import org.popsurvey.schemas.PopulationRecord;
import org.popsurvey.schemas.RawPopulationRow;
import org.popsurvey.serde.AvroSerdeConfig;

/**
 * The contracts that are registered as subjects, as the producer and the validator name them
 * (TopicNameStrategy, {@code <topic>-value}): {@code RawPopulationRow} on the raw topic,
 * {@code PopulationRecord} on the clean topic. The other files of {@code schemas/src/main/avro}
 * ({@code SourceLineage}, {@code MarginOfErrorStatus}) are parts of these, never subjects.
 */
final class Contracts {

    private Contracts() {}

    /** The contracts this build was compiled from ({@code schemas/src/main/avro}). */
    static List<Contract> builtIn(String rawTopic, String cleanTopic) {
        return List.of(
                new Contract(
                        subject(rawTopic),
                        RawPopulationRow.getClassSchema(),
                        "schemas/src/main/avro/RawPopulationRow.avsc"),
                new Contract(
                        subject(cleanTopic),
                        PopulationRecord.getClassSchema(),
                        "schemas/src/main/avro/PopulationRecord.avsc"));
    }

    /**
     * The contracts among the {@code .avsc} files of {@code folder}, matched to their subject by
     * the record's full name; files may refer to each other's named types in any order.
     */
    static List<Contract> fromFolder(Path folder, String rawTopic, String cleanTopic) {
        Map<String, String> subjectByName = new LinkedHashMap<>();
        subjectByName.put(RawPopulationRow.getClassSchema().getFullName(), subject(rawTopic));
        subjectByName.put(PopulationRecord.getClassSchema().getFullName(), subject(cleanTopic));
        List<Contract> contracts = new ArrayList<>();
        parseAll(folder).forEach((file, schema) -> {
            String subject = subjectByName.get(schema.getFullName());
            if (subject != null) {
                contracts.add(new Contract(subject, schema, file.toString()));
            }
        });
        if (contracts.isEmpty()) {
            throw new CommandFailedException("No contract in " + folder + ": no .avsc file there defines "
                    + String.join(" or ", subjectByName.keySet()));
        }
        return contracts;
    }

    private static String subject(String topic) {
        return AvroSerdeConfig.subjectFor(topic, false);
    }

    /** Each file's schema. A file naming a type defined in another is parsed once that one is known. */
    private static Map<Path, Schema> parseAll(Path folder) {
        List<Path> pending = avscFiles(folder);
        Map<Path, Schema> parsed = new LinkedHashMap<>();
        Map<String, Schema> knownTypes = new HashMap<>();
        Map<Path, String> lastError = new LinkedHashMap<>();
        boolean progress = true;
        while (!pending.isEmpty() && progress) {
            progress = false;
            for (Path file : List.copyOf(pending)) {
                Schema.Parser parser = new Schema.Parser();
                parser.addTypes(knownTypes);
                try {
                    parsed.put(file, parser.parse(file.toFile()));
                    knownTypes.putAll(parser.getTypes());
                    pending.remove(file);
                    progress = true;
                } catch (SchemaParseException e) {
                    lastError.put(file, e.getMessage());
                } catch (IOException e) {
                    throw new CommandFailedException("Cannot read contract " + file + ": " + e.getMessage(), e);
                }
            }
        }
        if (!pending.isEmpty()) {
            // A folder may hold only the changed contract: the named types it uses but does not
            // define (SourceLineage, MarginOfErrorStatus) are the built-in ones.
            builtInTypes().forEach(knownTypes::putIfAbsent);
            for (Path file : List.copyOf(pending)) {
                Schema.Parser parser = new Schema.Parser();
                parser.addTypes(knownTypes);
                try {
                    parsed.put(file, parser.parse(file.toFile()));
                    pending.remove(file);
                } catch (SchemaParseException e) {
                    lastError.put(file, e.getMessage());
                } catch (IOException e) {
                    throw new CommandFailedException("Cannot read contract " + file + ": " + e.getMessage(), e);
                }
            }
        }
        if (!pending.isEmpty()) {
            Path file = pending.get(0);
            throw new CommandFailedException(
                    "Contract " + file + " does not parse as an Avro schema: " + lastError.get(file));
        }
        return parsed;
    }

    private static Map<String, Schema> builtInTypes() {
        Map<String, Schema> types = new HashMap<>();
        for (Schema contract : List.of(RawPopulationRow.getClassSchema(), PopulationRecord.getClassSchema())) {
            Schema.Parser parser = new Schema.Parser();
            parser.parse(contract.toString());
            types.putAll(parser.getTypes());
        }
        types.remove(RawPopulationRow.getClassSchema().getFullName());
        types.remove(PopulationRecord.getClassSchema().getFullName());
        return types;
    }

    private static List<Path> avscFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new CommandFailedException("Contracts folder not found: " + folder.toAbsolutePath());
        }
        try (Stream<Path> files = Files.list(folder)) {
            return new ArrayList<>(
                    files.filter(file -> file.getFileName().toString().endsWith(".avsc"))
                            .sorted()
                            .toList());
        } catch (IOException e) {
            throw new CommandFailedException("Cannot list contracts in " + folder + ": " + e.getMessage(), e);
        }
    }
}
