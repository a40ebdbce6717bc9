package org.popsurvey.schemaadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.cli.CommandFailedException;
import org.popsurvey.schemas.PopulationRecord;
import org.popsurvey.schemas.RawPopulationRow;
import org.popsurvey.stack.component.RepoRoot;

class ContractsTest {

    @TempDir
    Path dir;

    @Test
    void theSourceFolderHoldsExactlyTheBuiltInContractsUnderTheProducersAndValidatorsSubjects() {
        Path sources = RepoRoot.find().resolve("schemas/src/main/avro");

        // The generated classes' schemas carry the code generator's avro.java.string properties:
        // the same contracts in Avro's parsing canonical form.
        assertThat(Contracts.fromFolder(sources, "population.raw", "population.clean"))
                .extracting(Contract::subject, contract -> SchemaNormalization.toParsingForm(contract.schema()))
                .containsExactlyInAnyOrder(
                        tuple(
                                "population.raw-value",
                                SchemaNormalization.toParsingForm(RawPopulationRow.getClassSchema())),
                        tuple(
                                "population.clean-value",
                                SchemaNormalization.toParsingForm(PopulationRecord.getClassSchema())));
        assertThat(Contracts.builtIn("r", "c")).extracting(Contract::subject).containsExactly("r-value", "c-value");
    }

    @Test
    void aFolderWithOnlyTheChangedContractUsesTheBuiltInNamedTypes() throws Exception {
        String v2 = RawPopulationRow.getClassSchema()
                .toString()
                .replace(
                        "\"fields\":[{\"name\":\"neighborhood\"",
                        "\"fields\":[{\"name\":\"survey\",\"type\":[\"null\",\"string\"],\"default\":null},"
                                + "{\"name\":\"neighborhood\"");
        // Refer to SourceLineage by name, as the source file does.
        String lineage =
                RawPopulationRow.getClassSchema().getField("lineage").schema().toString();
        Files.writeString(
                dir.resolve("RawPopulationRow.avsc"), v2.replace(lineage, "\"org.popsurvey.schemas.SourceLineage\""));

        assertThat(Contracts.fromFolder(dir, "raw", "clean")).singleElement().satisfies(contract -> {
            assertThat(contract.subject()).isEqualTo("raw-value");
            assertThat(contract.schema().getField("survey")).isNotNull();
            assertThat(contract.schema().getField("lineage").schema())
                    .isEqualTo(RawPopulationRow.getClassSchema()
                            .getField("lineage")
                            .schema());
        });
    }

    @Test
    void aFileThatDoesNotParseIsNamed() throws Exception {
        Files.writeString(dir.resolve("Broken.avsc"), "{\"type\":\"record\",\"name\":\"X\",\"fields\":[{\"name\":1}]}");

        assertThatThrownBy(() -> Contracts.fromFolder(dir, "raw", "clean"))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("Broken.avsc does not parse");
    }
}
