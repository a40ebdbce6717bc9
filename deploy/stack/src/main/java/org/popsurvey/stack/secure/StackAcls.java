package org.popsurvey.stack.secure;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The least privilege of each component, as Kafka ACLs (docs/security.md has them as a table).
 * Only what the component's own code does is allowed; every other request is refused because
 * the broker runs with {@code allow.everyone.if.no.acl.found=false}.
 *
 * <p>The names are the pipeline's defaults ({@code org.popsurvey.schemas.Topics} and the
 * validator's default {@code application.id}); this module cannot import them (the test kit,
 * which every module tests with, is built on it), so a test of validator-streams checks they agree.
 */
public final class StackAcls {

    public static final String RAW_TOPIC = "population.raw";
    public static final String CLEAN_TOPIC = "population.clean";
    public static final String DEAD_LETTER_TOPIC = "population.dlq";
    /** The validator's {@code application.id}: its consumer group, transactional ids and internal topics start with it. */
    public static final String VALIDATOR_APPLICATION_ID = "popsurvey-validator";
    /** Spark's Kafka source names its consumer groups {@code spark-kafka-source-<uuid>-...}. */
    public static final String SPARK_GROUP_PREFIX = "spark-kafka-source-";

    private StackAcls() {}

    /** Every ACL of the secured stack. */
    public static List<AclBinding> all() {
        List<AclBinding> acls = new ArrayList<>();
        for (Principal principal : Principal.values()) {
            acls.addAll(of(principal));
        }
        return acls;
    }

    /** The ACLs of one principal; none for {@link Principal#ADMIN}, a super user. */
    public static List<AclBinding> of(Principal principal) {
        Grants grants = new Grants(principal);
        switch (principal) {
            case ADMIN -> {}
            case PRODUCER -> {
                grants.topic(RAW_TOPIC, AclOperation.WRITE, AclOperation.DESCRIBE);
                grants.idempotentWrite();
            }
            case VALIDATOR -> {
                // Reads raw; writes clean and dead letters; reads clean back to absorb identical re-sends.
                // May create the three topics if missing and checks their settings (TopicSetup).
                grants.topic(
                        RAW_TOPIC,
                        AclOperation.READ,
                        AclOperation.DESCRIBE,
                        AclOperation.DESCRIBE_CONFIGS,
                        AclOperation.CREATE);
                grants.topic(
                        CLEAN_TOPIC,
                        AclOperation.READ,
                        AclOperation.WRITE,
                        AclOperation.DESCRIBE,
                        AclOperation.DESCRIBE_CONFIGS,
                        AclOperation.CREATE);
                grants.topic(
                        DEAD_LETTER_TOPIC,
                        AclOperation.WRITE,
                        AclOperation.DESCRIBE,
                        AclOperation.DESCRIBE_CONFIGS,
                        AclOperation.CREATE);
                // Kafka Streams: its group, its transactional ids (exactly once), its internal topics.
                grants.add(ResourceType.GROUP, VALIDATOR_APPLICATION_ID, PatternType.PREFIXED, AclOperation.READ);
                grants.add(
                        ResourceType.TRANSACTIONAL_ID,
                        VALIDATOR_APPLICATION_ID,
                        PatternType.PREFIXED,
                        AclOperation.WRITE,
                        AclOperation.DESCRIBE);
                grants.add(
                        ResourceType.TOPIC,
                        VALIDATOR_APPLICATION_ID + "-",
                        PatternType.PREFIXED,
                        AclOperation.CREATE,
                        AclOperation.READ,
                        AclOperation.WRITE,
                        AclOperation.DELETE,
                        AclOperation.DESCRIBE,
                        AclOperation.DESCRIBE_CONFIGS);
                grants.idempotentWrite();
            }
            case ENRICHER -> {
                grants.topic(CLEAN_TOPIC, AclOperation.READ, AclOperation.DESCRIBE);
                grants.add(ResourceType.GROUP, SPARK_GROUP_PREFIX, PatternType.PREFIXED, AclOperation.READ);
            }
            case DLQ_READER -> grants.topic(DEAD_LETTER_TOPIC, AclOperation.READ, AclOperation.DESCRIBE);
            case DLQ_OPERATOR -> {
                grants.topic(DEAD_LETTER_TOPIC, AclOperation.READ, AclOperation.DESCRIBE);
                grants.topic(RAW_TOPIC, AclOperation.WRITE, AclOperation.DESCRIBE);
                grants.idempotentWrite();
            }
        }
        return grants.acls;
    }

    private static final class Grants {
        private final String principal;
        private final List<AclBinding> acls = new ArrayList<>();

        Grants(Principal principal) {
            this.principal = principal.kafkaPrincipal();
        }

        void topic(String name, AclOperation... operations) {
            add(ResourceType.TOPIC, name, PatternType.LITERAL, operations);
        }

        /** Idempotent producers: implied by WRITE on a topic since Kafka 3.0, granted as older brokers want it. */
        void idempotentWrite() {
            add(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, AclOperation.IDEMPOTENT_WRITE);
        }

        void add(ResourceType type, String name, PatternType pattern, AclOperation... operations) {
            for (AclOperation operation : operations) {
                acls.add(new AclBinding(
                        new ResourcePattern(type, name, pattern),
                        new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
            }
        }
    }
}
