package org.popsurvey.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.popsurvey.registry.SchemaRegistryAccessDeniedException;
import org.popsurvey.registry.SchemaRegistryClient;

/**
 * What the decoder makes of each registry answer about a schema id, and of bodies that lie about
 * their sizes, on a loopback registry that answers as told. A record problem is a
 * {@link PoisonPillException} with its own reason; an operational one is not.
 */
class RegistryAnswersTest {

    private static final String ROW_SCHEMA = "{\"type\":\"record\",\"name\":\"Row\",\"fields\":["
            + "{\"name\":\"name\",\"type\":\"string\"},"
            + "{\"name\":\"cells\",\"type\":{\"type\":\"array\",\"items\":\"string\"}},"
            + "{\"name\":\"tags\",\"type\":{\"type\":\"map\",\"values\":\"string\"}},"
            + "{\"name\":\"blob\",\"type\":\"bytes\"}]}";

    /** A record that may hold itself: a body can nest it as deep as it has bytes. */
    private static final String NESTED_SCHEMA = "{\"type\":\"record\",\"name\":\"Node\",\"fields\":["
            + "{\"name\":\"next\",\"type\":[\"null\",\"Node\"]}]}";

    private HttpServer server;
    private ConfluentAvroDecoder<Object> decoder;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            int status = 200;
            String body;
            switch (path) {
                case "/schemas/ids/1" ->
                    body = new ObjectMapper()
                            .createObjectNode()
                            .put("schema", ROW_SCHEMA)
                            .toString();
                case "/schemas/ids/2" -> body = "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}";
                case "/schemas/ids/3" -> body = "{\"schema\":\"not avro at all\"}";
                case "/schemas/ids/7" ->
                    body = new ObjectMapper()
                            .createObjectNode()
                            .put("schema", NESTED_SCHEMA)
                            .toString();
                case "/schemas/ids/4" -> {
                    status = 422;
                    body = "{\"error_code\":42202,\"message\":\"bad id\"}";
                }
                case "/schemas/ids/5" -> {
                    status = 500;
                    body = "{\"message\":\"NullPointerException\"}";
                }
                case "/schemas/ids/6" -> {
                    status = 401;
                    body = "{\"message\":\"Unauthorized\"}";
                }
                case "/subjects" -> body = "[]";
                default -> {
                    status = 404;
                    body = "{\"error_code\":40403,\"message\":\"not found\"}";
                }
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        decoder = new ConfluentAvroDecoder<>(
                SchemaRegistryClient.fromConfig(Map.of(
                        "schema.registry.url",
                        "http://127.0.0.1:" + server.getAddress().getPort(),
                        "max.retries",
                        "1",
                        "retries.wait.ms",
                        "1")),
                false,
                null);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private interface Body {
        void write(BinaryEncoder out) throws IOException;
    }

    private static byte[] framed(int id, Body body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(ByteBuffer.allocate(5).put((byte) 0).putInt(id).array());
        BinaryEncoder out = EncoderFactory.get().directBinaryEncoder(bytes, null);
        body.write(out);
        out.flush();
        bytes.write(new byte[] {2, 2, 2, 2, 2, 2, 2, 2});
        return bytes.toByteArray();
    }

    private void assertReason(byte[] value, PoisonPillException.Reason reason) {
        assertThatThrownBy(() -> decoder.decode(value))
                .isInstanceOfSatisfying(
                        PoisonPillException.class,
                        e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
    }

    @Test
    void aSchemaOfAnotherTypeOrThatDoesNotParseIsNotAnAvroSchema() throws IOException {
        assertReason(framed(2, out -> {}), PoisonPillException.Reason.NOT_AN_AVRO_SCHEMA);
        assertReason(framed(3, out -> {}), PoisonPillException.Reason.NOT_AN_AVRO_SCHEMA);
        assertThatThrownBy(() -> decoder.decode(framed(2, out -> {}))).hasMessageContaining("PROTOBUF");
    }

    @Test
    void otherAnswersAboutAnIdAreRecordProblemsButRefusedCredentialsAreNot() throws IOException {
        assertReason(framed(4, out -> {}), PoisonPillException.Reason.SCHEMA_ID_REFUSED_BY_REGISTRY);
        assertReason(framed(5, out -> {}), PoisonPillException.Reason.SCHEMA_ID_REFUSED_BY_REGISTRY);
        assertReason(framed(99, out -> {}), PoisonPillException.Reason.UNKNOWN_SCHEMA_ID);
        assertThatThrownBy(() -> decoder.decode(framed(6, out -> {})))
                .isInstanceOf(SchemaRegistryAccessDeniedException.class)
                .hasMessageContaining("401");
    }

    @Test
    void lyingLengthsAndCountsAreRefusedBeforeAnythingIsAllocated() throws IOException {
        assertReason(framed(1, out -> out.writeLong(1L << 31)), PoisonPillException.Reason.DECLARED_SIZE_EXCEEDS_VALUE);
        assertReason(
                framed(1, out -> {
                    out.writeString("a");
                    out.writeLong(Integer.MAX_VALUE - 8L);
                }),
                PoisonPillException.Reason.DECLARED_SIZE_EXCEEDS_VALUE);
        assertReason(
                framed(1, out -> {
                    out.writeString("a");
                    out.writeLong(0);
                    out.writeLong(1L << 40);
                }),
                PoisonPillException.Reason.DECLARED_SIZE_EXCEEDS_VALUE);
        assertReason(
                framed(1, out -> {
                    out.writeString("a");
                    out.writeLong(0);
                    out.writeLong(0);
                    out.writeLong(1L << 30);
                }),
                PoisonPillException.Reason.DECLARED_SIZE_EXCEEDS_VALUE);
    }

    @Test
    void aRecursiveWriterSchemaIsRefusedBeforeABodyCanNestItWithoutBound() throws IOException {
        byte[] deep = new byte[5 + 1_000_000];
        java.util.Arrays.fill(deep, 5, deep.length - 1, (byte) 2); // union branch 1: another Node, a million times
        ByteBuffer.wrap(deep, 1, 4).putInt(7);
        assertThatThrownBy(() -> decoder.decode(deep)).isInstanceOfSatisfying(PoisonPillException.class, e -> {
            assertThat(e.reason()).isEqualTo(PoisonPillException.Reason.UNDECODABLE_AVRO);
            assertThat(e.getMessage()).contains("is recursive (Node contains itself)");
        });
    }

    @Test
    void anHonestBodyStillDecodesAndATruncatedOneIsUndecodable() throws IOException {
        byte[] honest = framed(1, out -> {
            out.writeString("a");
            out.writeLong(1);
            out.writeString("x");
            out.writeLong(0);
            out.writeLong(0);
            out.writeBytes(new byte[] {9});
        });
        byte[] exact = java.util.Arrays.copyOf(honest, honest.length - 8);
        assertThat(decoder.decode(exact).toString()).contains("\"cells\": [\"x\"]");
        assertReason(java.util.Arrays.copyOf(exact, exact.length - 2), PoisonPillException.Reason.UNDECODABLE_AVRO);
        assertThat(new Schema.Parser().parse(ROW_SCHEMA).getFields()).hasSize(4);
    }

    @Test
    void aMalformedRegistryUrlIsNamedWithoutItsPassword() {
        assertThatThrownBy(() -> SchemaRegistryClient.fromConfig(
                        Map.of("schema.registry.url", "http://alice:s3cr3t@registry host:8081/apis")))
                .isInstanceOf(ConfigException.class)
                .hasMessageNotContaining("s3cr3t")
                .hasMessageContaining("registry host");
    }
}
