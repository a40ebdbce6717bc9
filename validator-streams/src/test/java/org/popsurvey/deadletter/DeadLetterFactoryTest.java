package org.popsurvey.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.popsurvey.deadletter.DeadLetterFactory.Rejection;

class DeadLetterFactoryTest {

    private static final RecordMetadata SOURCE = new RecordMetadata() {
        @Override
        public String topic() {
            return "population.raw";
        }

        @Override
        public int partition() {
            return 0;
        }

        @Override
        public long offset() {
            return 7;
        }
    };

    private static Rejection rejection(String cell) {
        return Rejection.invalid(
                List.of(new Violation(ErrorCode.CELL_COUNT_MISMATCH, "extra_cells", cell, "the line has many cells")),
                null,
                1);
    }

    private static String header(Record<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void aHugeCellIsCutInTheDetailsWithItsLengthAndHash() throws Exception {
        String cell = String.join(",", new ArrayList<>(Collections.nCopies(300_000, "")));
        Record<byte[], byte[]> raw = new Record<>("1".getBytes(), new byte[300_000], 5L);

        Record<byte[], byte[]> deadLetter =
                new DeadLetterFactory("app", "1", 2_000_000).deadLetter(raw, SOURCE, "0_0", 9L, rejection(cell));

        JsonNode problem = new ObjectMapper()
                .readTree(header(deadLetter, DeadLetterHeaders.DETAILS))
                .get(0);
        assertThat(problem.get("value").asText()).hasSize(HeaderText.CELL_CHARS);
        assertThat(problem.get("value_length").asInt()).isEqualTo(299_999);
        assertThat(problem.get("value_sha256").asText()).isEqualTo(HeaderText.sha256(cell));
        assertThat(deadLetter.value()).as("the raw value is kept").hasSize(300_000);
        assertThat(header(deadLetter, DeadLetterHeaders.VALUE_OMITTED)).isNull();
    }

    @Test
    void aDeadLetterLargerThanTheTopicTakesIsWrittenWithoutItsValueAndSaysSo() {
        byte[] value = new byte[900_000];
        Record<byte[], byte[]> raw = new Record<>(
                "1".getBytes(), value, 5L, new RecordHeaders(new Header[] {new RecordHeader("trace", "abc".getBytes())
                }));

        Record<byte[], byte[]> deadLetter =
                new DeadLetterFactory("app", "1", 500_000).deadLetter(raw, SOURCE, "0_0", 9L, rejection("x"));

        assertThat(deadLetter.value()).isNull();
        assertThat(header(deadLetter, DeadLetterHeaders.VALUE_OMITTED))
                .isEqualTo("900000 bytes, sha256 " + HeaderText.sha256(value));
        assertThat(header(deadLetter, "trace")).as("the raw headers still fit").isEqualTo("abc");
        assertThat(deadLetter.key()).isEqualTo("1".getBytes());
        assertThat(header(deadLetter, DeadLetterHeaders.CODES)).isEqualTo("CELL_COUNT_MISMATCH");
    }

    @Test
    void hugeRawHeadersAndKeyAreLeftOutTooWhenTheValueIsNotEnough() {
        byte[] key = new byte[400_000];
        Record<byte[], byte[]> raw = new Record<>(
                key, new byte[10], 5L, new RecordHeaders(new Header[] {new RecordHeader("big", new byte[400_000])}));

        Record<byte[], byte[]> deadLetter =
                new DeadLetterFactory("app", "1", 300_000).deadLetter(raw, SOURCE, "0_0", 9L, rejection("x"));

        assertThat(deadLetter.value()).isNull();
        assertThat(deadLetter.key()).isNull();
        assertThat(deadLetter.headers().lastHeader("big")).isNull();
        assertThat(header(deadLetter, DeadLetterHeaders.HEADERS_OMITTED)).isEqualTo("1 headers, 400003 bytes");
        assertThat(header(deadLetter, DeadLetterHeaders.KEY_OMITTED)).startsWith("400000 bytes, sha256 ");
    }
}
