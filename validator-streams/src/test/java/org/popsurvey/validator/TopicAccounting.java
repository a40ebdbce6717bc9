package org.popsurvey.validator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.popsurvey.deadletter.DeadLetterHeaders;
import org.popsurvey.registry.SchemaRegistryClient;
import org.popsurvey.schemas.PopulationRecord;
import org.popsurvey.schemas.RawPopulationRow;
import org.popsurvey.serde.ConfluentAvroDecoder;

/**
 * The three topics of one validator as {@code read_committed} consumers see them, decoded: what
 * the fault tests count and check value by value.
 */
record TopicAccounting(
        List<RawPopulationRow> raw, List<PopulationRecord> clean, List<ConsumerRecord<byte[], byte[]>> deadLetters) {

    static TopicAccounting read(
            String bootstrap, SchemaRegistryClient registry, String rawTopic, String cleanTopic, String dlqTopic) {
        ConfluentAvroDecoder<RawPopulationRow> rawDecoder =
                ConfluentAvroDecoder.specific(registry, RawPopulationRow.getClassSchema());
        ConfluentAvroDecoder<PopulationRecord> cleanDecoder =
                ConfluentAvroDecoder.specific(registry, PopulationRecord.getClassSchema());
        return new TopicAccounting(
                CommittedRecords.readAll(bootstrap, rawTopic).stream()
                        .map(r -> rawDecoder.decode(r.value()))
                        .toList(),
                CommittedRecords.readAll(bootstrap, cleanTopic).stream()
                        .map(r -> cleanDecoder.decode(r.value()))
                        .toList(),
                CommittedRecords.readAll(bootstrap, dlqTopic));
    }

    /** How many records the validator has decided on so far (clean or dead letter). */
    static int decided(String bootstrap, String cleanTopic, String dlqTopic) {
        return CommittedRecords.readAll(bootstrap, cleanTopic).size()
                + CommittedRecords.readAll(bootstrap, dlqTopic).size();
    }

    /** Clean records by Id; fails if an Id is there twice. */
    Map<Integer, PopulationRecord> cleanById() {
        Map<Integer, PopulationRecord> byId = new HashMap<>();
        for (PopulationRecord record : clean) {
            assertThat(byId.put(record.getId(), record))
                    .as("clean record of Id %d once", record.getId())
                    .isNull();
        }
        return byId;
    }

    /** Dead letters per key (the raw Id text), each with the codes it carries. */
    Map<String, List<String>> deadLetterCodesByKey() {
        return deadLetters.stream()
                .collect(Collectors.groupingBy(
                        r -> new String(r.key(), StandardCharsets.UTF_8),
                        Collectors.mapping(r -> ValidatorIT.header(r, DeadLetterHeaders.CODES), Collectors.toList())));
    }

    /** Every valid Id of the file exactly once, with its values; and nothing else. */
    void assertCleanMatches(PopulationFile file) {
        Map<Integer, PopulationRecord> byId = cleanById();
        List<Integer> validIds = IntStream.rangeClosed(1, file.rows())
                .filter(file::isValid)
                .boxed()
                .toList();
        assertThat(byId.keySet()).as("clean Ids").containsExactlyInAnyOrderElementsOf(validIds);
        for (int id : validIds) {
            PopulationRecord record = byId.get(id);
            assertThat(record.getNeighborhood()).as("neighborhood of Id %d", id).isEqualTo(file.neighborhood(id));
            assertThat(record.getEstimate()).as("estimate of Id %d", id).isEqualTo(file.estimate(id));
            assertThat(record.getMarginOfError())
                    .as("margin of error of Id %d", id)
                    .isEqualTo(file.marginOfError(id));
            assertThat(record.getLineage().getLineNumber())
                    .as("line of Id %d", id)
                    .isEqualTo(PopulationFile.line(id));
        }
    }
}
