package org.popsurvey.serde;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SystemLimitException;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.popsurvey.registry.SchemaNotFoundException;
import org.popsurvey.registry.SchemaRegistryAccessDeniedException;
import org.popsurvey.registry.SchemaRegistryClient;
import org.popsurvey.registry.SchemaRegistryException;
import org.popsurvey.registry.SchemaRegistryUnavailableException;
import org.popsurvey.registry.UnusableSchemaException;

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
    /** Ids known to be unusable (not Avro, refused by the registry): at most {@value #REFUSED_IDS_KEPT}, oldest out. */
    private final Map<Integer, PoisonPillException> refusedIds =
            Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Integer, PoisonPillException> eldest) {
                    return size() > REFUSED_IDS_KEPT;
                }
            });

    private static final int REFUSED_IDS_KEPT = 1_000;

    public ConfluentAvroDecoder(SchemaRegistryClient registry, boolean specific, Schema readerSchema) {
        this.registry = registry;
        this.specific = specific;
        this.fixedReaderSchema = readerSchema;
    }

    /** A decoder into the generated class whose schema is {@code readerSchema}. */
    public static <T> ConfluentAvroDecoder<T> specific(SchemaRegistryClient registry, Schema readerSchema) {
        return new ConfluentAvroDecoder<>(registry, true, readerSchema);
    }

    /**
     * Decodes a framed value. Every failure that is the value's own is a {@link PoisonPillException};
     * only an unreachable registry or refused credentials ({@link SchemaRegistryUnavailableException},
     * {@link SchemaRegistryAccessDeniedException}) are not, since retrying later can succeed.
     */
    public T decode(byte[] framed) {
        int schemaId = WireFormat.schemaId(framed);
        PoisonPillException knownBad = refusedIds.get(schemaId);
        if (knownBad != null) {
            throw new PoisonPillException(
                    knownBad.reason(),
                    schemaId,
                    knownBad.getMessage().substring(knownBad.reason().name().length() + 2),
                    knownBad.getCause());
        }
        DatumReader<T> reader;
        try {
            reader = readersBySchemaId.computeIfAbsent(schemaId, this::readerFor);
        } catch (PoisonPillException e) {
            if (e.reason() != PoisonPillException.Reason.UNKNOWN_SCHEMA_ID) {
                refusedIds.put(schemaId, e); // an id's schema never changes: no need to ask again
            }
            throw e;
        }
        int bodyLength = framed.length - WireFormat.HEADER_LENGTH;
        BoundedDecoder decoder = new BoundedDecoder(
                DecoderFactory.get().binaryDecoder(framed, WireFormat.HEADER_LENGTH, bodyLength, null), bodyLength);
        try {
            T value = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new PoisonPillException(
                        PoisonPillException.Reason.UNDECODABLE_AVRO,
                        schemaId,
                        "bytes left over after decoding with schema id " + schemaId);
            }
            return value;
        } catch (BoundedDecoder.DeclaredSizeException | SystemLimitException e) {
            // SystemLimitException: Avro's own check, for counts beyond what a Java array can hold.
            throw new PoisonPillException(
                    PoisonPillException.Reason.DECLARED_SIZE_EXCEEDS_VALUE,
                    schemaId,
                    "body does not decode with schema id " + schemaId + ": " + e.getMessage(),
                    e);
        } catch (IOException | RuntimeException e) {
            // Any failure while reading these bytes is theirs (corrupt, truncated, a lying union
            // index or enum symbol, a type that does not resolve): never a reason to stop the app.
            throw new PoisonPillException(
                    PoisonPillException.Reason.UNDECODABLE_AVRO,
                    schemaId,
                    "body does not decode with schema id " + schemaId + ": " + e,
                    e);
        } catch (StackOverflowError e) {
            // A recursive writer schema and a body nesting it deeper than the thread's stack: the
            // reader recursed once per level. The stack is unwound by now; the value is at fault.
            throw new PoisonPillException(
                    PoisonPillException.Reason.UNDECODABLE_AVRO,
                    schemaId,
                    "body nests records too deeply to decode with schema id " + schemaId,
                    null);
        }
    }

    /** The writer schema a framed value names (fetched from the registry, then cached). */
    public Schema writerSchema(byte[] framed) {
        int schemaId = WireFormat.schemaId(framed);
        return lookUp(schemaId);
    }

    private DatumReader<T> readerFor(int schemaId) {
        Schema writer = lookUp(schemaId);
        String recursive = RecursiveSchemas.selfReferencingType(writer);
        if (recursive != null) {
            throw new PoisonPillException(
                    PoisonPillException.Reason.UNDECODABLE_AVRO,
                    schemaId,
                    "schema id " + schemaId
                            + " is recursive (" + recursive + " contains itself): a value could nest it without bound, "
                            + "and no schema of this project is recursive");
        }
        Schema reader =
                fixedReaderSchema != null ? fixedReaderSchema : specific ? specificSchemaFor(writer, schemaId) : writer;
        return specific ? new SpecificDatumReader<>(writer, reader) : new GenericDatumReader<>(writer, reader);
    }

    private Schema lookUp(int schemaId) {
        try {
            return registry.schemaById(schemaId);
        } catch (SchemaNotFoundException e) {
            throw new PoisonPillException(
                    PoisonPillException.Reason.UNKNOWN_SCHEMA_ID,
                    schemaId,
                    "schema id " + schemaId + " is not known to the registry at " + registry.url(),
                    e);
        } catch (UnusableSchemaException e) {
            throw new PoisonPillException(PoisonPillException.Reason.NOT_AN_AVRO_SCHEMA, schemaId, e.getMessage(), e);
        } catch (SchemaRegistryUnavailableException e) {
            // A registry that answers 5xx for this id but serves other calls fails on the id itself
            // (seen with odd ids): a record problem. One that answers nothing at all is down.
            if (e.httpStatus() >= 500 && registry.answers()) {
                throw refused(schemaId, e);
            }
            throw e;
        } catch (SchemaRegistryAccessDeniedException e) {
            throw e;
        } catch (SchemaRegistryException e) {
            // Any other answer about this id (400, 422...) is about the record, not the registry's health.
            throw refused(schemaId, e);
        }
    }

    private static PoisonPillException refused(int schemaId, SchemaRegistryException e) {
        return new PoisonPillException(
                PoisonPillException.Reason.SCHEMA_ID_REFUSED_BY_REGISTRY,
                schemaId,
                "the registry refused schema id " + schemaId + ": " + e.getMessage(),
                e);
    }

    private static Schema specificSchemaFor(Schema writer, int schemaId) {
        Class<?> generated = SpecificData.get().getClass(writer);
        if (generated == null) {
            throw new PoisonPillException(
                    PoisonPillException.Reason.UNDECODABLE_AVRO,
                    schemaId,
                    "no generated class " + writer.getFullName() + " on the classpath for schema id " + schemaId);
        }
        return SpecificData.get().getSchema(generated);
    }
}
