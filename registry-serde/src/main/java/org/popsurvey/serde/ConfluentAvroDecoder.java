package org.popsurvey.serde;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.popsurvey.registry.SchemaNotFoundException;
import org.popsurvey.registry.SchemaRegistryClient;

/**
 * Decodes Confluent-framed Avro: looks the writer schema up by the id in the header and resolves
 * it to the reader schema, so a record written with an older compatible schema decodes into
 * today's class. Used by the Kafka deserializer and directly by Spark.
 *
 * <p>Reader schema: the one given, else (specific reader) the generated class named like the
 * writer schema, else the writer schema itself (generic records).
 */
public final class ConfluentAvroDecoder<T> {

    private final SchemaRegistryClient registry;
    private final boolean specific;
    private final Schema fixedReaderSchema;
    private final Map<Integer, DatumReader<T>> readersBySchemaId = new ConcurrentHashMap<>();

    public ConfluentAvroDecoder(SchemaRegistryClient registry, boolean specific, Schema readerSchema) {
        this.registry = registry;
        this.specific = specific;
        this.fixedReaderSchema = readerSchema;
    }

    /** A decoder into the generated class whose schema is {@code readerSchema}. */
    public static <T> ConfluentAvroDecoder<T> specific(SchemaRegistryClient registry, Schema readerSchema) {
        return new ConfluentAvroDecoder<>(registry, true, readerSchema);
    }

    public T decode(byte[] framed) {
        int schemaId = WireFormat.schemaId(framed);
        DatumReader<T> reader = readersBySchemaId.computeIfAbsent(schemaId, this::readerFor);
        BinaryDecoder decoder = DecoderFactory.get()
                .binaryDecoder(framed, WireFormat.HEADER_LENGTH, framed.length - WireFormat.HEADER_LENGTH, null);
        try {
            T value = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new PoisonPillException(PoisonPillException.Reason.UNDECODABLE_AVRO, schemaId,
                        "bytes left over after decoding with schema id " + schemaId);
            }
            return value;
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new PoisonPillException(PoisonPillException.Reason.UNDECODABLE_AVRO, schemaId,
                    "body does not decode with schema id " + schemaId + ": " + e, e);
        }
    }

    /** The writer schema a framed value names (fetched from the registry, then cached). */
    public Schema writerSchema(byte[] framed) {
        int schemaId = WireFormat.schemaId(framed);
        return lookUp(schemaId);
    }

    private DatumReader<T> readerFor(int schemaId) {
        Schema writer = lookUp(schemaId);
        Schema reader = fixedReaderSchema != null ? fixedReaderSchema
                : specific ? specificSchemaFor(writer, schemaId) : writer;
        return specific ? new SpecificDatumReader<>(writer, reader) : new GenericDatumReader<>(writer, reader);
    }

    private Schema lookUp(int schemaId) {
        try {
            return registry.schemaById(schemaId);
        } catch (SchemaNotFoundException e) {
            throw new PoisonPillException(PoisonPillException.Reason.UNKNOWN_SCHEMA_ID, schemaId,
                    "schema id " + schemaId + " is not known to the registry at " + registry.url(), e);
        }
    }

    private static Schema specificSchemaFor(Schema writer, int schemaId) {
        Class<?> generated = SpecificData.get().getClass(writer);
        if (generated == null) {
            throw new PoisonPillException(PoisonPillException.Reason.UNDECODABLE_AVRO, schemaId,
                    "no generated class " + writer.getFullName() + " on the classpath for schema id " + schemaId);
        }
        return SpecificData.get().getSchema(generated);
    }
}
