package org.popsurvey.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;
import org.apache.avro.Schema;

/**
 * A client of the Confluent Schema Registry REST API (also served by Apicurio at
 * {@code /apis/ccompat/v7}). Schemas by id are immutable and cached forever; registrations are
 * cached per subject and schema, so a steady producer makes no registry calls at all.
 *
 * <p>Thread-safe. Every failure is a {@link SchemaRegistryException} naming the URL.
 */
public final class SchemaRegistryClient {

    /** The project's rule for its subjects: readers of the newest schema read all older data. */
    public static final String BACKWARD = "BACKWARD";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryHttp http;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();

    public SchemaRegistryClient(RegistryClientConfig config) {
        this.http = new RegistryHttp(config);
    }

    /** Parses Confluent-named settings (at least {@value RegistryClientConfig#SCHEMA_REGISTRY_URL}). */
    public static SchemaRegistryClient fromConfig(Map<?, ?> configs) {
        return new SchemaRegistryClient(new RegistryClientConfig(configs));
    }

    /** The first configured registry URL, for messages. */
    public URI url() {
        return http.primaryUrl();
    }

    /** Registers {@code schema} under {@code subject} (a no-op if it is already there) and returns its id. */
    public int register(String subject, Schema schema) {
        return idsFor(subject).computeIfAbsent(schema, s -> {
            JsonNode answer;
            try {
                answer = http.post("/subjects/" + encode(subject) + "/versions", schemaBody(s));
            } catch (IncompatibleSchemaException conflict) {
                // Apicurio answers 409 "artifact already exists" to the second of two clients
                // registering a subject's first version at once (two validators); if the schema is
                // there now, registering was a no-op, as Confluent's register says.
                try {
                    return lookup(subject, s).id();
                } catch (SchemaNotFoundException notThere) {
                    throw conflict;
                }
            }
            int id = answer.path("id").asInt();
            schemasById.putIfAbsent(id, s);
            return id;
        });
    }

    /**
     * The id of {@code schema} if it is already registered under {@code subject} (Confluent's
     * lookup, {@code POST /subjects/{subject}}); never registers.
     *
     * @throws SchemaNotFoundException naming the schema, the subject and the URL if it is not there
     */
    public int idOf(String subject, Schema schema) {
        return idsFor(subject).computeIfAbsent(schema, s -> lookup(subject, s).id());
    }

    /** The version of {@code subject} that holds {@code schema}; never registers. */
    public RegisteredSchema lookup(String subject, Schema schema) {
        try {
            JsonNode answer = http.post("/subjects/" + encode(subject), schemaBody(schema));
            int id = answer.path("id").asInt();
            schemasById.putIfAbsent(id, schema);
            return new RegisteredSchema(
                    answer.path("subject").asText(subject),
                    answer.path("version").asInt(),
                    id,
                    schema);
        } catch (SchemaNotFoundException e) {
            throw notRegistered("Schema " + schema.getFullName() + " is not registered", subject, e);
        }
    }

    /** The schema with this global id. Cached: ids never change meaning. */
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = http.get("/schemas/ids/" + id);
        Schema schema = avroSchema(answer, "schema id " + id);
        schemasById.putIfAbsent(id, schema);
        return schema;
    }

    /** The latest version of a subject. Not cached: it changes when someone registers. */
    public RegisteredSchema latest(String subject) {
        try {
            return version(subject, "latest");
        } catch (SchemaNotFoundException e) {
            throw notRegistered("No schema is registered", subject, e);
        }
    }

    /** Version {@code version} of a subject ({@code GET /subjects/{subject}/versions/{version}}). */
    public RegisteredSchema version(String subject, int version) {
        return version(subject, Integer.toString(version));
    }

    private RegisteredSchema version(String subject, String version) {
        JsonNode answer = http.get("/subjects/" + encode(subject) + "/versions/" + version);
        Schema schema = avroSchema(answer, "version " + version + " of subject " + subject);
        int id = answer.path("id").asInt();
        schemasById.putIfAbsent(id, schema);
        return new RegisteredSchema(
                answer.path("subject").asText(subject), answer.path("version").asInt(), id, schema);
    }

    /** The subject's version numbers, oldest first; empty if the registry does not know the subject. */
    public List<Integer> versions(String subject) {
        try {
            JsonNode answer = http.get("/subjects/" + encode(subject) + "/versions");
            return StreamSupport.stream(answer.spliterator(), false)
                    .map(JsonNode::asInt)
                    .sorted()
                    .toList();
        } catch (SchemaNotFoundException noSuchSubject) {
            return List.of();
        }
    }

    /** Whether {@code schema} could be registered next under the subject's compatibility rule. */
    public boolean isCompatible(String subject, Schema schema) {
        return testCompatibility(subject, schema).compatible();
    }

    /**
     * The registry's verdict on registering {@code schema} next under {@code subject}, with the
     * reasons it gives ({@code verbose=true}: Confluent lists them, some registries give none). A
     * subject with no version yet accepts any schema.
     */
    public CompatibilityVerdict testCompatibility(String subject, Schema schema) {
        try {
            JsonNode answer = http.post(
                    "/compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true", schemaBody(schema));
            // Confluent lists "messages"; Apicurio gives one "reason" (null when compatible).
            List<String> messages = new ArrayList<>();
            answer.path("messages").forEach(message -> messages.add(message.asText()));
            if (answer.path("reason").isTextual()) {
                messages.add(answer.path("reason").asText());
            }
            return new CompatibilityVerdict(answer.path("is_compatible").asBoolean(), messages);
        } catch (SchemaNotFoundException noSubjectYet) {
            return new CompatibilityVerdict(true, List.of());
        }
    }

    /** The subject's own compatibility level, or the registry's global one if it has none. */
    public String compatibility(String subject) {
        return subjectCompatibility(subject).orElseGet(this::globalCompatibility);
    }

    /**
     * The subject's own compatibility level, if it has one. Confluent answers 404 (error 40408)
     * for a subject without one; Apicurio answers with the global level instead, so a level equal
     * to the global one counts as none (a subject deliberately set to the global level looks unset).
     */
    public Optional<String> subjectCompatibility(String subject) {
        String level;
        try {
            level = http.get("/config/" + encode(subject))
                    .path("compatibilityLevel")
                    .asText();
        } catch (SchemaNotFoundException noSubjectConfig) {
            return Optional.empty();
        }
        return level.isEmpty() || level.equals(globalCompatibility()) ? Optional.empty() : Optional.of(level);
    }

    /** The registry's default compatibility level ({@code GET /config}). */
    public String globalCompatibility() {
        return http.get("/config").path("compatibilityLevel").asText();
    }

    /** Sets the subject's compatibility level, for example {@code BACKWARD}. */
    public void setCompatibility(String subject, String level) {
        http.put("/config/" + encode(subject), JSON.createObjectNode().put("compatibility", level));
    }

    /**
     * Puts the subject under {@code level} unless it already is (its own or the global level);
     * returns whether it changed anything.
     */
    public boolean ensureCompatibility(String subject, String level) {
        if (level.equals(compatibility(subject))) {
            return false;
        }
        try {
            setCompatibility(subject, level);
        } catch (IncompatibleSchemaException conflict) {
            // Apicurio answers 409 "rule already exists" when another client set it a moment ago
            // (two validators starting together); that client's level is as good as ours.
            if (level.equals(compatibility(subject))) {
                return false;
            }
            throw conflict;
        }
        return true;
    }

    /** Every subject the registry knows. */
    public List<String> subjects() {
        JsonNode answer = http.get("/subjects");
        return StreamSupport.stream(answer.spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }

    /**
     * The Avro schema of a registry answer. Confluent's API marks other types with
     * {@code schemaType} (absent means AVRO); text that does not parse is refused the same way.
     */
    private Schema avroSchema(JsonNode answer, String what) {
        String type = answer.path("schemaType").asText("AVRO");
        if (!type.isEmpty() && !"AVRO".equalsIgnoreCase(type)) {
            throw new UnusableSchemaException(what + " at " + url() + " is a " + type + " schema, not Avro", null);
        }
        try {
            return new Schema.Parser().parse(answer.path("schema").asText());
        } catch (RuntimeException | StackOverflowError e) {
            // StackOverflowError: a schema nested deeper than the parser's recursion can follow.
            throw new UnusableSchemaException(
                    what + " at " + url() + " does not parse as an Avro schema: " + e,
                    e instanceof RuntimeException ? e : null);
        }
    }

    /** Whether the registry answers a plain call ({@code GET /subjects}) now, after the usual retries. */
    public boolean answers() {
        try {
            subjects();
            return true;
        } catch (SchemaRegistryException e) {
            return false;
        }
    }

    /** A 404 for a schema the caller needs registered: one line naming what, the subject and the URL. */
    private SchemaNotFoundException notRegistered(String what, String subject, SchemaNotFoundException cause) {
        return new SchemaNotFoundException(
                what + " under subject " + subject + " at " + url() + ". Where clients do not register schemas ("
                        + "auto.register.schemas=false), the platform team registers it first: ./popsurvey schemas "
                        + "register",
                cause.errorCode());
    }

    private Map<Schema, Integer> idsFor(String subject) {
        return idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
    }

    private static JsonNode schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString());
    }

    private static String encode(String subject) {
        // Path-segment encoding: URLEncoder encodes a space as '+', which a path does not mean.
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
