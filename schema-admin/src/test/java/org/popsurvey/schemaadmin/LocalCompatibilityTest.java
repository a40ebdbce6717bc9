package org.popsurvey.schemaadmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.popsurvey.registry.RegisteredSchema;

class LocalCompatibilityTest {

    private static final Schema V1 = record("{\"name\":\"id\",\"type\":\"string\"}");
    private static final Schema V2_OPTIONAL = record(
            "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"survey\",\"type\":[\"null\",\"string\"],\"default\":null}");
    private static final Schema V3_REQUIRED = record(
            "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"survey\",\"type\":[\"null\",\"string\"],\"default\":null},"
                    + "{\"name\":\"survey_year\",\"type\":\"int\"}");
    private static final Schema ID_AS_INT = record("{\"name\":\"id\",\"type\":\"int\"}");

    @Test
    void anOptionalFieldWithADefaultIsCompatibleEveryWay() {
        for (CompatibilityLevel level : CompatibilityLevel.values()) {
            assertThat(LocalCompatibility.check(level, V2_OPTIONAL, versions(V1)))
                    .as(level.name())
                    .isEmpty();
        }
    }

    @Test
    void aNewRequiredFieldBreaksBackwardAndNamesTheField() {
        List<Incompatibility> found =
                LocalCompatibility.check(CompatibilityLevel.BACKWARD, V3_REQUIRED, versions(V1, V2_OPTIONAL));

        assertThat(found).hasSize(1);
        assertThat(found.get(0).field()).isEqualTo("survey_year");
        assertThat(found.get(0).reason())
                .contains("has no default value")
                .contains("cannot read data written with version 2");
        // Forward only: the old readers ignore a field they do not know.
        assertThat(LocalCompatibility.check(CompatibilityLevel.FORWARD, V3_REQUIRED, versions(V1, V2_OPTIONAL)))
                .isEmpty();
    }

    @Test
    void aChangedTypeBreaksBothWaysAndNamesTheField() {
        List<Incompatibility> found = LocalCompatibility.check(CompatibilityLevel.FULL, ID_AS_INT, versions(V1));

        assertThat(found).extracting(Incompatibility::field).containsExactly("id", "id");
        assertThat(found.get(0).reason()).startsWith("type changed").contains("the new contract cannot read");
        assertThat(found.get(1).reason()).contains("version 1 cannot read data written with the new contract");
    }

    @Test
    void transitiveLevelsCheckEveryVersionOthersOnlyTheLatest() {
        // v1 had id as an int; v2 (latest) has it as a string, as the candidate does.
        List<RegisteredSchema> history = versions(ID_AS_INT, V1);

        assertThat(LocalCompatibility.check(CompatibilityLevel.BACKWARD, V2_OPTIONAL, history))
                .isEmpty();
        assertThat(LocalCompatibility.check(CompatibilityLevel.BACKWARD_TRANSITIVE, V2_OPTIONAL, history))
                .singleElement()
                .satisfies(problem -> assertThat(problem.reason()).contains("version 1"));
        assertThat(LocalCompatibility.check(CompatibilityLevel.NONE, ID_AS_INT, history))
                .isEmpty();
    }

    @Test
    void aNestedFieldIsNamedWithItsPath() {
        Schema before = record("{\"name\":\"lineage\",\"type\":{\"type\":\"record\",\"name\":\"L\",\"fields\":["
                + "{\"name\":\"line\",\"type\":\"long\"}]}}");
        Schema after = record("{\"name\":\"lineage\",\"type\":{\"type\":\"record\",\"name\":\"L\",\"fields\":["
                + "{\"name\":\"line\",\"type\":\"string\"}]}}");

        assertThat(LocalCompatibility.check(CompatibilityLevel.BACKWARD, after, versions(before)))
                .extracting(Incompatibility::field)
                .containsExactly("lineage.line");
    }

    private static Schema record(String fields) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Row\",\"fields\":[" + fields + "]}");
    }

    private static List<RegisteredSchema> versions(Schema... schemas) {
        List<RegisteredSchema> result = new java.util.ArrayList<>();
        for (int i = 0; i < schemas.length; i++) {
            result.add(new RegisteredSchema("s-value", i + 1, 100 + i, schemas[i]));
        }
        return result;
    }
}
