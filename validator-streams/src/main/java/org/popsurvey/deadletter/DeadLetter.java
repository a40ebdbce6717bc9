package org.popsurvey.deadletter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** One record of the dead-letter topic, with its headers read back as {@link DeadLetterHeaders} says. */
public record DeadLetter(RecordPosition position, long timestamp, byte[] key, byte[] value, List<Header> headers) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One problem from the {@value DeadLetterHeaders#DETAILS} header. */
    public record Problem(String code, String field, String value, String message) {}

    public static DeadLetter of(ConsumerRecord<byte[], byte[]> record) {
        return new DeadLetter(
                new RecordPosition(record.topic(), record.partition(), record.offset()),
                record.timestamp(),
                record.key(),
                record.value(),
                Arrays.asList(record.headers().toArray()));
    }

    /** The last value of a header as text, if present. */
    public Optional<String> header(String name) {
        String found = null;
        for (Header header : headers) {
            if (header.key().equals(name)) {
                found = header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
            }
        }
        return Optional.ofNullable(found);
    }

    public List<String> codes() {
        return header(DeadLetterHeaders.CODES)
                .filter(s -> !s.isEmpty())
                .map(s -> List.of(s.split(",")))
                .orElse(List.of());
    }

    /** When it was dead-lettered; the record timestamp if the header is missing (a foreign producer). */
    public Instant deadLetteredAt() {
        return header(DeadLetterHeaders.TIMESTAMP).map(DeadLetter::epochMillis).orElse(Instant.ofEpochMilli(timestamp));
    }

    public Optional<RecordPosition> source() {
        Optional<String> topic = header(DeadLetterHeaders.SOURCE_TOPIC);
        Optional<String> partition = header(DeadLetterHeaders.SOURCE_PARTITION);
        Optional<String> offset = header(DeadLetterHeaders.SOURCE_OFFSET);
        if (topic.isEmpty() || partition.isEmpty() || offset.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    new RecordPosition(topic.get(), Integer.parseInt(partition.get()), Long.parseLong(offset.get())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code file:line} from the producer lineage headers, if the row decoded. */
    public Optional<String> producerLine() {
        return header(DeadLetterHeaders.PRODUCER_FILE)
                .map(file -> file
                        + header(DeadLetterHeaders.PRODUCER_LINE)
                                .map(line -> ":" + line)
                                .orElse(""));
    }

    public String message() {
        return header(DeadLetterHeaders.MESSAGE).orElse("");
    }

    public List<Problem> problems() {
        Optional<String> details = header(DeadLetterHeaders.DETAILS);
        List<Problem> problems = new ArrayList<>();
        if (details.isEmpty()) {
            return problems;
        }
        try {
            for (JsonNode node : JSON.readTree(details.get())) {
                problems.add(new Problem(
                        node.path("code").asText(),
                        node.path("field").asText(),
                        node.path("value").isNull() ? null : node.path("value").asText(),
                        node.path("message").asText()));
            }
        } catch (JsonProcessingException e) {
            problems.add(new Problem(
                    "?", "?", null, "unreadable " + DeadLetterHeaders.DETAILS + " header: " + e.getMessage()));
        }
        return problems;
    }

    private static Instant epochMillis(String text) {
        try {
            return Instant.ofEpochMilli(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return Instant.EPOCH;
        }
    }
}
