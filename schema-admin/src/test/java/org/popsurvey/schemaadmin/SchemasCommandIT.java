package org.popsurvey.schemaadmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.registry.SchemaRegistryClient;
import org.popsurvey.schemas.RawPopulationRow;
import org.popsurvey.testkit.RealKafkaStack;
import picocli.CommandLine;

/**
 * {@code schemas} against the real registry (Apicurio's Confluent API): a first rollout, a
 * compatible second version of RawPopulationRow, and an incompatible third one refused by
 * {@code check} and by the registry with the field named.
 */
class SchemasCommandIT {

    @RegisterExtension
    static final RealKafkaStack STACK = RealKafkaStack.shared();

    @TempDir
    Path dir;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String rawSubject = "sc-raw-" + run + "-value";
    private final String cleanSubject = "sc-clean-" + run + "-value";

    @Test
    void aCompatibleVersionIsRegisteredAndAnIncompatibleOneIsRefusedWithItsFieldNamed() throws IOException {
        SchemaRegistryClient registry =
                SchemaRegistryClient.fromConfig(java.util.Map.of("schema.registry.url", STACK.schemaRegistryUrl()));

        Result firstCheck = schemas("check");
        assertThat(firstCheck.exit).as(firstCheck.all()).isZero();
        assertThat(firstCheck.out).contains(rawSubject + ": new subject", cleanSubject + ": new subject");

        Result dryRun = schemas("register", "--dry-run");
        assertThat(dryRun.exit).as(dryRun.all()).isZero();
        assertThat(dryRun.out).contains(rawSubject + ": would set compatibility BACKWARD");
        assertThat(registry.versions(rawSubject)).isEmpty();

        Result first = schemas("register");
        assertThat(first.exit).as(first.all()).isZero();
        assertThat(first.out)
                .contains(rawSubject + ": compatibility set to BACKWARD")
                .contains(rawSubject + ": registered schemas/src/main/avro/RawPopulationRow.avsc as version 1")
                .contains(cleanSubject + ": registered schemas/src/main/avro/PopulationRecord.avsc as version 1");
        assertThat(registry.subjectCompatibility(rawSubject)).contains("BACKWARD");
        assertThat(registry.latest(rawSubject).schema()).isEqualTo(RawPopulationRow.getClassSchema());

        Result again = schemas("register");
        assertThat(again.exit).isZero();
        assertThat(again.out).contains("is registered as version 1").doesNotContain("compatibility set");

        Path v2 = contracts("v2", "{\"name\":\"survey\",\"type\":[\"null\",\"string\"],\"default\":null}");
        Result v2Check = schemas("check", "--contracts", v2.toString());
        assertThat(v2Check.exit).as(v2Check.all()).isZero();
        assertThat(v2Check.out).contains("is compatible under BACKWARD with version 1; it would be version 2");
        Result v2Register = schemas("register", "--contracts", v2.toString());
        assertThat(v2Register.exit).as(v2Register.all()).isZero();
        assertThat(v2Register.out)
                .contains(rawSubject + ": registered " + v2.resolve("RawPopulationRow.avsc") + " as version 2");

        Path v3 = contracts(
                "v3",
                "{\"name\":\"survey\",\"type\":[\"null\",\"string\"],\"default\":null},"
                        + "{\"name\":\"survey_year\",\"type\":\"int\"}");
        Result v3Check = schemas("check", "--contracts", v3.toString());
        assertThat(v3Check.exit).as(v3Check.all()).isEqualTo(1);
        assertThat(v3Check.out)
                .contains(rawSubject + ": " + v3.resolve("RawPopulationRow.avsc") + " is INCOMPATIBLE under BACKWARD "
                        + "with version 2:")
                .contains("  - field survey_year: has no default value")
                .contains("1 incompatible");

        Result v3Register = schemas("register", "--contracts", v3.toString());
        assertThat(v3Register.exit).isEqualTo(1);
        assertThat(v3Register.err.lines().filter(line -> line.startsWith("error:")))
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .contains(rawSubject + ": the registry at " + STACK.schemaRegistryUrl() + " refuses")
                        .contains("HTTP 409")
                        .contains("field survey_year: has no default value"));
        assertThat(registry.versions(rawSubject)).containsExactly(1, 2);

        Result list = schemas("list");
        assertThat(list.exit).isZero();
        assertThat(list.out.lines().filter(line -> line.startsWith(rawSubject)))
                .singleElement()
                .satisfies(line -> assertThat(line.split("\\s+"))
                        .startsWith(
                                rawSubject,
                                "1-2",
                                String.valueOf(registry.latest(rawSubject).id()),
                                "BACKWARD"));

        Result showFirst = schemas("show", rawSubject, "--version", "1");
        assertThat(showFirst.exit).isZero();
        assertThat(showFirst.out)
                .contains("subject " + rawSubject + ", version 1 of [1, 2]")
                .doesNotContain("\"name\" : \"survey\"");
        Result showLatest = schemas("show", rawSubject);
        assertThat(showLatest.out).contains("version 2 of [1, 2]").contains("\"name\" : \"survey\"");

        Result missing = schemas("show", rawSubject, "--version", "7");
        assertThat(missing.exit).isEqualTo(1);
        assertThat(missing.err).contains("error: Subject " + rawSubject + " has no version 7 at ");
    }

    @Test
    void aSubjectsOwnLevelIsKeptAndUsedByCheck() {
        SchemaRegistryClient registry =
                SchemaRegistryClient.fromConfig(java.util.Map.of("schema.registry.url", STACK.schemaRegistryUrl()));
        registry.setCompatibility(rawSubject, "FORWARD");

        Result first = schemas("register");
        assertThat(first.exit).as(first.all()).isZero();
        assertThat(first.out).doesNotContain(rawSubject + ": compatibility set");
        assertThat(registry.subjectCompatibility(rawSubject)).contains("FORWARD");

        // Under FORWARD a new required field is fine (old readers ignore it), a removed one is not.
        Result check =
                schemas("check", "--contracts", contractsWithout("lineage").toString());
        assertThat(check.exit).as(check.all()).isEqualTo(1);
        assertThat(check.out)
                .contains("INCOMPATIBLE under FORWARD with version 1")
                .contains("field lineage: has no default value");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(schemas().exit).isEqualTo(2);
        assertThat(schemas("show").exit).isEqualTo(2);
    }

    /** The built-in RawPopulationRow with {@code fields} added first, as the only file of a folder. */
    private Path contracts(String name, String fields) {
        String schema = RawPopulationRow.getClassSchema()
                .toString()
                .replace(
                        "\"fields\":[{\"name\":\"neighborhood\"",
                        "\"fields\":[" + fields + ",{\"name\":\"neighborhood\"");
        return write(name, schema);
    }

    private Path contractsWithout(String field) {
        org.apache.avro.Schema original = RawPopulationRow.getClassSchema();
        List<org.apache.avro.Schema.Field> kept = new ArrayList<>();
        for (org.apache.avro.Schema.Field f : original.getFields()) {
            if (!f.name().equals(field)) {
                kept.add(new org.apache.avro.Schema.Field(f, f.schema()));
            }
        }
        org.apache.avro.Schema changed = org.apache.avro.Schema.createRecord(
                original.getName(), original.getDoc(), original.getNamespace(), false, kept);
        return write("without-" + field, changed.toString());
    }

    private Path write(String name, String schema) {
        try {
            Path folder = Files.createDirectories(dir.resolve(name));
            Files.writeString(folder.resolve("RawPopulationRow.avsc"), schema);
            return folder;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Result schemas(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (args.length > 0 && !args[0].equals("show") || args.length > 1) {
            all.addAll(List.of("--schema-registry-url", STACK.schemaRegistryUrl()));
        }
        if (args.length > 0 && (args[0].equals("check") || args[0].equals("register"))) {
            all.addAll(List.of("--raw-topic", "sc-raw-" + run, "--clean-topic", "sc-clean-" + run));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = SchemasCommand.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exit = command.execute(all.toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }

    private record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }
}
