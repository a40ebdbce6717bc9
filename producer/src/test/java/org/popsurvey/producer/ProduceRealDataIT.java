package org.popsurvey.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.popsurvey.producer.RawTopicReader.Decoded;
import org.popsurvey.testkit.RealKafkaStack;
import org.popsurvey.testkit.SharedData;

/** The published total-population.csv through the real broker and registry, decoded independently. */
class ProduceRealDataIT {

    @RegisterExtension
    static final RealKafkaStack STACK = RealKafkaStack.shared();

    @Test
    void everyRealRowArrivesOnceWithEachCellsExactText() throws Exception {
        Path csv = SharedData.acs2015("total-population.csv");
        String topic = "population.raw.it-" + UUID.randomUUID();

        CommandRun run = CommandRun.produce(
                "--input",
                csv.toString(),
                "--interval",
                "0",
                "--topic",
                topic,
                "--bootstrap-servers",
                STACK.bootstrapServers(),
                "--schema-registry-url",
                STACK.schemaRegistryUrl());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("91 data lines read, 0 blank lines skipped, 91 records acknowledged");

        List<String> lines = Files.readAllLines(csv, StandardCharsets.US_ASCII);
        List<Decoded> records = new RawTopicReader(STACK.bootstrapServers(), STACK.schemaRegistryUrl()).readAll(topic);
        assertThat(records).hasSize(91);
        for (Decoded record : records) {
            int lineNumber = (int) (long) (Long) record.lineage().get("line_number");
            // The real files have no quotes, so a plain split gives each cell's exact text.
            String[] cells = lines.get(lineNumber - 1).replace("\r", "").split(",", -1);
            assertThat(record.cell("neighborhood")).isEqualTo(cells[0]);
            assertThat(record.cell("id")).isEqualTo(cells[1]).isEqualTo(record.key());
            assertThat(record.cell("estimate")).isEqualTo(cells[2]);
            assertThat(record.cell("margin_of_error")).isEqualTo(cells[3]);
            assertThat((List<?>) record.value().get("extra_cells")).isEmpty();
            assertThat(record.lineage().get("source_file").toString())
                    .isEqualTo(csv.toAbsolutePath().normalize().toString());
            assertThat(record.lineage().get("batch_number")).isEqualTo(1);
        }
        assertThat(records)
                .extracting(r -> (Long) r.lineage().get("line_number"))
                .containsExactlyInAnyOrderElementsOf(
                        java.util.stream.LongStream.rangeClosed(2, 92).boxed().toList());
        Decoded allentown =
                records.stream().filter(r -> "3".equals(r.key())).findFirst().orElseThrow();
        assertThat(allentown.cell("neighborhood")).isEqualTo("Allentown");
        assertThat(allentown.cell("estimate")).isEqualTo("2558.0");
        assertThat(allentown.cell("margin_of_error")).isEqualTo("449.773276218");
        assertThat(records)
                .extracting(Decoded::schemaId)
                .containsOnly(records.get(0).schemaId());
    }
}
